namespace EcomOps.Grains.NetSuite;

/// <summary>Takes one of a NetSuite account's concurrency slots from its <see cref="INetSuiteAccountGrain"/> for each
/// request, and gives it back when the request ends. The lease outlives NetSuite's own five-minute limit on a
/// request, because a request whose caller crashed still runs in NetSuite and still counts there.</summary>
public sealed class AccountSlots(INetSuiteAccountGrain account, string holder)
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(6);

    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(4);

    public async Task<IAsyncDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        var lease = await account.AcquireAsync(holder, LeaseDuration, MaxWait).WaitAsync(cancellationToken)
            ?? throw new NetSuiteException("CONCURRENCY_WAIT_TIMEOUT", $"No concurrency slot of the NetSuite account came free within {MaxWait.TotalMinutes:0} minutes; other syncs are using them all.");
        return new Slot(account, lease.LeaseId);
    }

    private sealed class Slot(INetSuiteAccountGrain account, Guid leaseId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await account.ReleaseAsync(leaseId);
    }
}
