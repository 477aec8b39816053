using EcomOps.Grains.Common;
using EcomOps.Runtime;

namespace EcomOps.Grains.NetSuite;

/// <summary>One NetSuite connection of a tenant (keyed by <see cref="ConnectionKey"/>).</summary>
public interface INetSuiteConnectionGrain : IGrainWithStringKey
{
    Task<ConnectionInfo> CreateAsync(Actor actor, ConnectionSettings settings);

    Task<ConnectionInfo> UpdateAsync(Actor actor, ConnectionSettings settings);

    /// <summary>Deletes the connection with its syncs, their data and history.</summary>
    [ResponseTimeout("00:05:00")]
    Task DeleteAsync(Actor actor);

    Task<ConnectionInfo> GetAsync();

    /// <summary>Runs a one-row search through the connection and says what, if anything, is wrong.</summary>
    [ResponseTimeout("00:02:00")]
    Task<ConnectionTestResult> TestAsync(Actor actor);
}
