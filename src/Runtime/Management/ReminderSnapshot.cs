namespace EcomOps.Runtime.Management;

public sealed record ReminderSnapshot(string Grain, string Name, TimeSpan Period, DateTimeOffset NextDue);
