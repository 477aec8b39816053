namespace EcomOps.Grains.NetSuite;

/// <summary>When a sync runs by itself.</summary>
public sealed record SyncSchedule(SyncScheduleKind Kind, int? EveryMinutes = null, TimeOnly? DailyAt = null)
{
    public static SyncSchedule Manual { get; } = new(SyncScheduleKind.Manual);

    public static SyncSchedule Every(int minutes) => new(SyncScheduleKind.Interval, minutes);

    public static SyncSchedule Daily(TimeOnly at) => new(SyncScheduleKind.Daily, null, at);
}
