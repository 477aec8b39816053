namespace EcomOps.Grains.NetSuite;

/// <summary>Why a run loop was told to stop: only a cancellation ends the run; the others leave it to whoever owns it next.</summary>
internal enum SyncStopReason
{
    Cancelled,
    Deactivating,
    Removed,
    Finished,
}
