using EcomOps.Grains.Common;
using EcomOps.Runtime;
using EcomOps.Runtime.Concurrency;

namespace EcomOps.Grains.NetSuite;

/// <summary>Keeps one saved search of one connection (keyed by <see cref="SyncKey"/>) in PostgreSQL: runs on its
/// schedule or on demand, checkpoints every page, resumes on another silo after a crash, and keeps a run history.</summary>
public interface ISavedSearchSyncGrain : IGrainWithStringKey
{
    /// <summary>Adds the search to its connection, or changes its settings.</summary>
    Task<SyncInfo> ConfigureAsync(Actor actor, SyncSettings settings);

    /// <summary>Stops syncing the search and deletes its data and history.</summary>
    [ResponseTimeout("00:02:00")]
    Task RemoveAsync(Actor actor);

    [AlwaysInterleave]
    Task<SyncInfo> GetAsync();

    /// <summary>Starts a run at once (in the sync's own mode unless <paramref name="mode"/> says otherwise); refused
    /// while one is running.</summary>
    Task<SyncRunInfo> RunNowAsync(Actor actor, SyncMode? mode);

    /// <summary>Stops the run in progress after the page it is on; the pages written so far stay.</summary>
    Task<SyncInfo> CancelAsync(Actor actor);

    [AlwaysInterleave]
    Task<IReadOnlyList<SyncRunInfo>> ListRunsAsync(int limit);

    [AlwaysInterleave]
    Task<DatasetPage> ReadRowsAsync(DatasetQuery query);
}
