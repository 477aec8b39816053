namespace EcomOps.Runtime.Reminders;

internal sealed record GrainReminder(string ReminderName, TimeSpan Period, DateTimeOffset NextDue) : IGrainReminder;
