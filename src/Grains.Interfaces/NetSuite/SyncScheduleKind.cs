namespace EcomOps.Grains.NetSuite;

public enum SyncScheduleKind
{
    /// <summary>Runs only when someone asks.</summary>
    Manual,

    /// <summary>Every <see cref="SyncSchedule.EveryMinutes"/> minutes.</summary>
    Interval,

    /// <summary>Once a day at <see cref="SyncSchedule.DailyAt"/> in the tenant's time zone.</summary>
    Daily,
}
