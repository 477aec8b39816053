using EcomOps.Runtime;

namespace EcomOps.Grains.NetSuite;

/// <summary>A tenant's NetSuite connections and synced searches (keyed by tenant id, "N" format), for listing.</summary>
public interface INetSuiteDirectoryGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<ConnectionInfo>> ListConnectionsAsync();

    /// <summary>Every sync of the tenant, or of one connection, with its status.</summary>
    Task<IReadOnlyList<SyncInfo>> ListSyncsAsync(Guid? connectionId);
}
