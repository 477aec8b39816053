namespace EcomOps.Grains.NetSuite;

/// <summary>A run's row now names another owner (an activation elsewhere took the run over) or the run has ended:
/// this activation must stop working on it.</summary>
internal sealed class SyncOwnershipLostException(long runId) : Exception($"Sync run {runId} is no longer this activation's to continue.");
