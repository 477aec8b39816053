using EcomOps.Runtime;

namespace EcomOps.Grains.NetSuite;

/// <summary>What grains that call NetSuite for a connection (syncs, later postings) need of it. Internal to the
/// grains assembly, so no front end can ask; the credentials travel sealed and are opened only by the silo that uses
/// them.</summary>
internal interface INetSuiteConnectionAccessGrain : IGrainWithStringKey
{
    Task<ConnectionTarget> GetTargetAsync();
}
