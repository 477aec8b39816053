namespace EcomOps.Runtime.Tests.Grains;

public sealed class ReminderLog
{
    public List<TickRecord> Ticks { get; set; } = [];

    public TimeSpan Handling { get; set; }
}
