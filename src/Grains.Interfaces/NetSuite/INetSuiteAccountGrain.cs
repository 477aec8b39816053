using EcomOps.Runtime;

namespace EcomOps.Grains.NetSuite;

/// <summary>The concurrency governor of one NetSuite account (keyed by account id), shared by every connection, sync
/// and posting to that account across the cluster. NetSuite allows a fixed number of concurrent RESTlet and web
/// service requests per account (5, 15 or 20 by service tier, plus 10 per SuiteCloud Plus licence); callers take a
/// slot before each request and give it back after, so the cluster never goes over.</summary>
public interface INetSuiteAccountGrain : IGrainWithStringKey
{
    /// <summary>Waits, first come first served, up to <paramref name="maxWait"/> for a slot held for at most
    /// <paramref name="leaseDuration"/>; null when none came free in time.</summary>
    [ResponseTimeout("00:05:00")]
    Task<ConcurrencyLease?> AcquireAsync(string holder, TimeSpan leaseDuration, TimeSpan maxWait);

    Task ReleaseAsync(Guid leaseId);

    /// <summary>Extends a lease for a request that runs long; false when it had already expired and was reclaimed.</summary>
    Task<bool> RenewAsync(Guid leaseId, TimeSpan leaseDuration);

    Task SetLimitAsync(int limit);

    Task<AccountConcurrency> GetStatusAsync();
}
