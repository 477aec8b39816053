namespace EcomOps.Grains.NetSuite;

public enum SyncRunStatus
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
