using System.Globalization;
using EcomOps.Grains.NetSuite;

namespace EcomOps.WebFrontend.Components.NetSuite;

/// <summary>How the portal words syncs, runs, schedules and times, the same on every page.</summary>
public static class SyncText
{
    public const string NeverRun = "Never run";

    /// <summary>Running while a run is in progress, else how the last run ended.</summary>
    public static string Status(SyncInfo sync) =>
        sync.CurrentRun is not null ? nameof(SyncRunStatus.Running) : sync.LastRun?.Status.ToString() ?? NeverRun;

    public static string Schedule(SyncSchedule schedule) => schedule.Kind switch
    {
        SyncScheduleKind.Interval => $"Every {Minutes(schedule.EveryMinutes ?? 0)}",
        SyncScheduleKind.Daily => $"Daily at {schedule.DailyAt?.ToString("HH:mm", CultureInfo.InvariantCulture)}",
        _ => "Manual",
    };

    public static string When(DateTimeOffset? at) => at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    public static string Duration(SyncRunInfo run)
    {
        var took = (run.FinishedAt ?? DateTimeOffset.UtcNow) - run.StartedAt;
        return took.TotalSeconds < 60 ? $"{Math.Max(0, took.TotalSeconds):0.#} s" : took.TotalMinutes < 60 ? $"{took.TotalMinutes:0.#} min" : $"{took.TotalHours:0.#} h";
    }

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Percent of its pages a run has done; null until its first page says how many there are.</summary>
    public static int? Percent(SyncRunInfo run) =>
        run.PageCount is > 0 and var count ? (int)Math.Clamp(run.Pages * 100L / count, 0, 100) : null;

    /// <summary>The headline of a connection test: passed, or failed and why in a word or two.</summary>
    public static string Outcome(ConnectionTestOutcome outcome) => outcome switch
    {
        ConnectionTestOutcome.Succeeded => "Test passed.",
        ConnectionTestOutcome.BadCredentials => "Test failed: bad credentials.",
        ConnectionTestOutcome.WrongAccount => "Test failed: wrong account.",
        ConnectionTestOutcome.RestletNotDeployed => "Test failed: RESTlet not deployed.",
        ConnectionTestOutcome.PermissionMissing => "Test failed: permission missing.",
        ConnectionTestOutcome.Unreachable => "Test failed: NetSuite unreachable.",
        _ => "Test failed.",
    };

    private static string Minutes(int minutes) =>
        minutes % 1440 == 0 ? Plural(minutes / 1440, "day") : minutes % 60 == 0 ? Plural(minutes / 60, "hour") : Plural(minutes, "minute");

    private static string Plural(int n, string unit) => n == 1 ? unit : $"{n} {unit}s";
}
