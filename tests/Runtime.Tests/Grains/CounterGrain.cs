using EcomOps.Runtime;
using EcomOps.Runtime.Hosting;

namespace EcomOps.Runtime.Tests.Grains;

/// <summary>Writes its state on every increment.</summary>
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter, Silo silo) : Grain, ICounterGrain
{
    public async Task<int> IncrementAsync()
    {
        counter.State.Value++;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(counter.State.Value);

    public Task<string> GetSiloAsync() => Task.FromResult(silo.Address.ToString());

    public Task<string?> GetEtagAsync() => Task.FromResult(counter.Etag);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
