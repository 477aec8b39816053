using EcomOps.Grains.NetSuite;

namespace EcomOps.Grains.Tests.NetSuite;

public sealed class SyncSchedulerTests
{
    private static readonly TimeZoneInfo NewYork = SyncScheduler.Zone("America/New_York");
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ManualSyncsNeverRunByThemselves() =>
        Assert.Null(SyncScheduler.Next(SyncSchedule.Manual, TimeZoneInfo.Utc, Now.AddHours(-5), Now));

    [Fact]
    public void AnIntervalCountsFromTheLastStartAndANeverRunOrOverdueSyncIsDueNow()
    {
        Assert.Equal(Now.AddMinutes(45), SyncScheduler.Next(SyncSchedule.Every(60), TimeZoneInfo.Utc, Now.AddMinutes(-15), Now));
        Assert.Equal(Now, SyncScheduler.Next(SyncSchedule.Every(60), TimeZoneInfo.Utc, null, Now));
        Assert.Equal(Now, SyncScheduler.Next(SyncSchedule.Every(60), TimeZoneInfo.Utc, Now.AddHours(-3), Now));
    }

    [Fact]
    public void ADailyTimeIsWallClockTimeInTheTenantsZone()
    {
        // 12:00 UTC is 08:00 in New York (EDT, UTC-4): 02:30 today has passed, so tomorrow 02:30 EDT = 06:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 6, 30, 0, TimeSpan.Zero), SyncScheduler.Next(SyncSchedule.Daily(new TimeOnly(2, 30)), NewYork, null, Now));
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 22, 0, 0, TimeSpan.Zero), SyncScheduler.Next(SyncSchedule.Daily(new TimeOnly(18, 0)), NewYork, null, Now));
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 23, 0, 0, TimeSpan.Zero),
            SyncScheduler.Next(SyncSchedule.Daily(new TimeOnly(18, 0)), NewYork, null, new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void ADailyTimeSkippedBySpringForwardRunsAnHourLaterAndARepeatedOneRunsAtTheFirst()
    {
        // 2026-03-08 02:30 does not exist in New York; clocks jump from 02:00 EST to 03:00 EDT.
        var spring = SyncScheduler.Next(SyncSchedule.Daily(new TimeOnly(2, 30)), NewYork, null, new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 30, 0, TimeSpan.Zero), spring);

        // 2026-11-01 01:30 happens twice; the first is 01:30 EDT = 05:30 UTC.
        var fall = SyncScheduler.Next(SyncSchedule.Daily(new TimeOnly(1, 30)), NewYork, null, new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), fall);
    }

    [Fact]
    public void FailuresBackOffDoublingUpToTheCapButNeverBeforeTheSchedule()
    {
        var every15 = SyncSchedule.Every(15);
        var backoff = TimeSpan.FromMinutes(1);
        var cap = TimeSpan.FromHours(6);
        Assert.Equal(Now.AddMinutes(15), SyncScheduler.AfterFailure(every15, TimeZoneInfo.Utc, Now, Now, 1, backoff, cap));
        Assert.Equal(Now.AddMinutes(16), SyncScheduler.AfterFailure(every15, TimeZoneInfo.Utc, Now, Now, 5, backoff, cap));
        Assert.Equal(Now.AddMinutes(64), SyncScheduler.AfterFailure(every15, TimeZoneInfo.Utc, Now, Now, 7, backoff, cap));
        Assert.Equal(Now.AddHours(6), SyncScheduler.AfterFailure(every15, TimeZoneInfo.Utc, Now, Now, 40, backoff, cap));
        Assert.Null(SyncScheduler.AfterFailure(SyncSchedule.Manual, TimeZoneInfo.Utc, Now, Now, 3, backoff, cap));
    }

    [Fact]
    public void AnUnknownTimeZoneFallsBackToUtc() => Assert.Equal(TimeZoneInfo.Utc, SyncScheduler.Zone("Mars/Olympus_Mons"));
}
