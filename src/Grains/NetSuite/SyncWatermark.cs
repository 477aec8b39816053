namespace EcomOps.Grains.NetSuite;

/// <summary>What an incremental run reads: rows modified on or after the last successful run's start, less an overlap.
/// The watermark is a start time, not the newest modification seen, so records saved while a run read are read again
/// by the next one rather than missed; upserts by internal id make reading a row twice harmless.</summary>
public static class SyncWatermark
{
    /// <summary>The mode a run really has: incremental needs a watermark, so the first run is full.</summary>
    public static SyncMode EffectiveMode(SyncMode requested, DateTimeOffset? watermark) =>
        requested == SyncMode.Incremental && watermark is null ? SyncMode.Full : requested;

    /// <summary>The modified-after filter of a run; null for a full run.</summary>
    public static DateTimeOffset? ModifiedAfter(SyncMode mode, DateTimeOffset? watermark, TimeSpan overlap) =>
        mode == SyncMode.Incremental && watermark is { } mark ? mark - overlap : null;

    /// <summary>The watermark after a run: its start when it succeeded, otherwise unchanged.</summary>
    public static DateTimeOffset? After(DateTimeOffset? watermark, SyncRunStatus status, DateTimeOffset runStartedAt) =>
        status == SyncRunStatus.Succeeded ? runStartedAt : watermark;
}
