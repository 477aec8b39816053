namespace EcomOps.Grains.NetSuite;

public sealed class SyncState
{
    public bool Exists { get; set; }

    public string Name { get; set; } = "";

    public SyncMode Mode { get; set; }

    public SyncSchedule Schedule { get; set; } = SyncSchedule.Manual;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The start of the last successful run (see <see cref="SyncWatermark"/>).</summary>
    public DateTimeOffset? Watermark { get; set; }

    public DateTimeOffset? NextRunAt { get; set; }

    public int ConsecutiveFailures { get; set; }

    /// <summary>The run in progress; its checkpoint is its row in ns_sync_runs.</summary>
    public long? ActiveRunId { get; set; }

    public SyncRunInfo? LastRun { get; set; }

    /// <summary>Rows in the dataset after the last run.</summary>
    public long Rows { get; set; }
}
