using EcomOps.Runtime;

namespace EcomOps.Runtime.Tests.Grains;

/// <summary>Counts in memory and persists only when it deactivates: a lost hand-over would lose counts.</summary>
public sealed class BufferedCounterGrain([PersistentState("buffered")] IPersistentState<CounterState> counter) : Grain, IBufferedCounterGrain
{
    public Task<int> IncrementAsync() => Task.FromResult(++counter.State.Value);

    public Task<int> GetAsync() => Task.FromResult(counter.State.Value);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        counter.WriteStateAsync(cancellationToken);
}
