namespace EcomOps.Grains.NetSuite;

/// <summary>When a sync runs next. Daily times are wall-clock times in the tenant's zone: a time that does not exist
/// on a spring-forward day runs when the clocks have moved on (02:30 becomes 03:30), and one that happens twice on a
/// fall-back day runs at the first.</summary>
public static class SyncScheduler
{
    /// <summary>The next run after a run that started at <paramref name="lastStart"/> (null: never ran), no earlier
    /// than <paramref name="now"/>; null for manual syncs.</summary>
    public static DateTimeOffset? Next(SyncSchedule schedule, TimeZoneInfo zone, DateTimeOffset? lastStart, DateTimeOffset now) => schedule.Kind switch
    {
        SyncScheduleKind.Manual => null,
        SyncScheduleKind.Interval => lastStart is { } start && start + TimeSpan.FromMinutes(schedule.EveryMinutes!.Value) > now
            ? start + TimeSpan.FromMinutes(schedule.EveryMinutes!.Value)
            : now,
        SyncScheduleKind.Daily => NextDaily(schedule.DailyAt!.Value, zone, lastStart is { } last && last > now ? last : now),
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule.Kind, "Unknown schedule kind."),
    };

    /// <summary>The next run after <paramref name="consecutiveFailures"/> failed runs in a row: the schedule's next
    /// time, but no sooner than a backoff that doubles with each failure up to <paramref name="maxBackoff"/>.
    /// Manual syncs are not retried.</summary>
    public static DateTimeOffset? AfterFailure(SyncSchedule schedule, TimeZoneInfo zone, DateTimeOffset lastStart, DateTimeOffset now, int consecutiveFailures, TimeSpan backoff, TimeSpan maxBackoff)
    {
        if (Next(schedule, zone, lastStart, now) is not { } next)
        {
            return null;
        }

        var wait = TimeSpan.FromTicks((long)Math.Min(maxBackoff.Ticks, backoff.Ticks * Math.Pow(2, Math.Clamp(consecutiveFailures - 1, 0, 30))));
        return next > now + wait ? next : now + wait;
    }

    public static TimeZoneInfo Zone(string? timeZoneId) =>
        timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    private static DateTimeOffset NextDaily(TimeOnly at, TimeZoneInfo zone, DateTimeOffset after)
    {
        var local = TimeZoneInfo.ConvertTime(after, zone);
        for (var day = DateOnly.FromDateTime(local.DateTime); ; day = day.AddDays(1))
        {
            var candidate = ToInstant(day.ToDateTime(at), zone);
            if (candidate > after)
            {
                return candidate;
            }
        }
    }

    private static DateTimeOffset ToInstant(DateTime wallClock, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(wallClock))
        {
            // Skipped by a spring-forward: read with the offset in force before the gap, it lands as far past the
            // transition as it was into the gap. Gaps are at most an hour or two.
            return new DateTimeOffset(wallClock, zone.GetUtcOffset(wallClock.AddHours(-3)));
        }

        var offsets = zone.IsAmbiguousTime(wallClock) ? zone.GetAmbiguousTimeOffsets(wallClock) : [zone.GetUtcOffset(wallClock)];
        return new DateTimeOffset(wallClock, offsets.Max());
    }
}
