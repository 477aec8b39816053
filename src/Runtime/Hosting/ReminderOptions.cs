namespace EcomOps.Runtime.Hosting;

/// <summary>Reminder delivery (configuration section "Reminders").</summary>
public sealed class ReminderOptions
{
    /// <summary>How often each silo looks for due ticks; also the precision of reminders. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The shortest period a reminder may have. Default 1 min, as in Orleans: shorter work belongs in grain timers.</summary>
    public TimeSpan MinimumPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most ticks one poll picks up. Default 1,000.</summary>
    public int MaxTicksPerPoll { get; set; } = 1000;
}
