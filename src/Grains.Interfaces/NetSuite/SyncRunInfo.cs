namespace EcomOps.Grains.NetSuite;

/// <summary>One run of a sync, as the run history and live progress show it. <see cref="PageCount"/> is the pages
/// the run expects in all (known after its first page); <see cref="Resumes"/> counts restarts from a checkpoint
/// after the silo running it went away.</summary>
public sealed record SyncRunInfo(
    long RunId,
    SyncTrigger Trigger,
    SyncMode Mode,
    SyncRunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long RowsRead,
    long RowsInserted,
    long RowsUpdated,
    long RowsDeleted,
    int Pages,
    int? PageCount,
    int Retries,
    int Resumes,
    string? Error);
