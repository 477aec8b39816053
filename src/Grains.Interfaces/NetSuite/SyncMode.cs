namespace EcomOps.Grains.NetSuite;

/// <summary>Full reads every row and removes the ones NetSuite no longer has; incremental reads the rows modified since
/// the last successful run (less an overlap) and upserts them.</summary>
public enum SyncMode
{
    Full,
    Incremental,
}
