namespace EcomOps.Grains.NetSuite;

/// <summary>Where a sync stands: its settings, the run in progress if any, the last finished run, and when it runs next.</summary>
public sealed record SyncInfo(
    Guid ConnectionId,
    string SearchId,
    string DatasetId,
    string Name,
    SyncMode Mode,
    SyncSchedule Schedule,
    SyncRunInfo? CurrentRun,
    SyncRunInfo? LastRun,
    DateTimeOffset? NextRunAt,
    DateTimeOffset? Watermark,
    int ConsecutiveFailures,
    long Rows,
    DateTimeOffset CreatedAt);
