namespace EcomOps.Runtime;

/// <summary>A durable reminder registered by a grain.</summary>
public interface IGrainReminder
{
    string ReminderName { get; }

    TimeSpan Period { get; }

    DateTimeOffset NextDue { get; }
}
