using EcomOps.Grains.Common;
using EcomOps.Runtime;
using EcomOps.Runtime.Concurrency;
using Microsoft.Extensions.Logging;

namespace EcomOps.Grains.NetSuite;

/// <summary>Hands out an account's concurrency slots. Leases are persisted before they are granted, so a new activation
/// after a failover knows every slot still out; slots of callers that crashed come back when their lease expires.
/// Reentrant so waiting callers do not block releases; execution stays single-threaded.</summary>
[Reentrant]
public sealed class NetSuiteAccountGrain(
    [PersistentState("concurrency")] IPersistentState<AccountConcurrencyState> state,
    TimeProvider time,
    ILogger<NetSuiteAccountGrain> logger) : Grain, INetSuiteAccountGrain
{
    public const int MaxLimit = 1000;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(200);
    private readonly LinkedList<Waiter> waiters = [];
    private readonly SerialStateWriter<AccountConcurrencyState> writer = new(state);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterGrainTimer(_ => SweepAsync(), SweepInterval, SweepInterval);
        return Task.CompletedTask;
    }

    public async Task<ConcurrencyLease?> AcquireAsync(string holder, TimeSpan leaseDuration, TimeSpan maxWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        await ReclaimExpiredAsync();
        if (waiters.Count == 0 && state.State.Leases.Count < state.State.Limit)
        {
            var lease = Hold(holder, leaseDuration);
            await SaveAsync();
            return lease;
        }

        var waiter = new Waiter(holder, leaseDuration, time.GetUtcNow() + maxWait);
        waiters.AddLast(waiter);
        return await waiter.Granted.Task;
    }

    public async Task ReleaseAsync(Guid leaseId)
    {
        if (state.State.Leases.Remove(leaseId))
        {
            await GrantToWaitersAsync();
        }
    }

    public async Task<bool> RenewAsync(Guid leaseId, TimeSpan leaseDuration)
    {
        if (!state.State.Leases.TryGetValue(leaseId, out var lease))
        {
            return false;
        }

        state.State.Leases[leaseId] = lease with { ExpiresAt = time.GetUtcNow() + leaseDuration };
        await SaveAsync();
        return true;
    }

    public async Task SetLimitAsync(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        state.State.Limit = limit;
        await GrantToWaitersAsync();
    }

    public Task<AccountConcurrency> GetStatusAsync() =>
        Task.FromResult(new AccountConcurrency(state.State.Limit, state.State.Leases.Count, waiters.Count, state.State.PeakInUse, state.State.Granted, state.State.Reclaimed));

    private ConcurrencyLease Hold(string holder, TimeSpan leaseDuration)
    {
        var lease = new ConcurrencyLease(Guid.NewGuid(), time.GetUtcNow() + leaseDuration);
        state.State.Leases[lease.LeaseId] = new HeldLease(holder, lease.ExpiresAt);
        state.State.PeakInUse = Math.Max(state.State.PeakInUse, state.State.Leases.Count);
        state.State.Granted++;
        return lease;
    }

    /// <summary>Fills free slots from the front of the queue; the leases are saved before any waiter learns of them.</summary>
    private async Task GrantToWaitersAsync()
    {
        var granted = new List<(Waiter Waiter, ConcurrencyLease Lease)>();
        while (waiters.First is { } first && state.State.Leases.Count < state.State.Limit)
        {
            waiters.RemoveFirst();
            granted.Add((first.Value, Hold(first.Value.Holder, first.Value.LeaseDuration)));
        }

        await SaveAsync();
        foreach (var (waiter, lease) in granted)
        {
            waiter.Granted.TrySetResult(lease);
        }
    }

    private async Task SweepAsync()
    {
        var now = time.GetUtcNow();
        for (var node = waiters.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.GiveUpAt <= now)
            {
                waiters.Remove(node);
                node.Value.Granted.TrySetResult(null);
            }

            node = next;
        }

        await ReclaimExpiredAsync();
    }

    private async Task ReclaimExpiredAsync()
    {
        var now = time.GetUtcNow();
        var expired = state.State.Leases.Where(l => l.Value.ExpiresAt <= now).ToList();
        if (expired.Count == 0)
        {
            return;
        }

        foreach (var (id, lease) in expired)
        {
            state.State.Leases.Remove(id);
            state.State.Reclaimed++;
            logger.LogWarning("NetSuite account {Account}: reclaimed the expired slot of {Holder}", GetPrimaryKeyString(), lease.Holder);
        }

        await GrantToWaitersAsync();
    }

    private Task SaveAsync() => writer.WriteAsync();

    private sealed record Waiter(string Holder, TimeSpan LeaseDuration, DateTimeOffset GiveUpAt)
    {
        public TaskCompletionSource<ConcurrencyLease?> Granted { get; } = new();
    }
}
