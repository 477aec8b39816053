namespace EcomOps.Runtime.Management;

/// <summary>Read-only introspection of the cluster, for operators and the SRE dashboard.</summary>
public interface IManagementGrain : IGrainWithStringKey
{
    Task<ClusterSnapshot> GetClusterSnapshotAsync();
}
