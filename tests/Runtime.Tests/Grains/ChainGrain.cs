using EcomOps.Runtime;
using EcomOps.Runtime.Hosting;

namespace EcomOps.Runtime.Tests.Grains;

public sealed class ChainGrain(Silo silo) : Grain, IChainGrain
{
    public Task<string> PingAsync() => Task.FromResult(GetPrimaryKeyString());

    public Task<string> PingWithShortTimeoutAsync() => PingAsync();

    public Task<string> CallOtherAsync(string otherKey) => GrainFactory.GetGrain<IChainGrain>(otherKey).PingAsync();

    public async Task<int> BounceAsync(string otherKey, int depth) =>
        depth == 0 ? 0 : 1 + await GrainFactory.GetGrain<IChainGrain>(otherKey).BounceAsync(GetPrimaryKeyString(), depth - 1);

    public async Task<string> WaitThenCallAsync(string otherKey, int delayMs)
    {
        await Task.Delay(delayMs);
        return await GrainFactory.GetGrain<IChainGrain>(otherKey).PingWithShortTimeoutAsync();
    }

    public Task<string?> GetCorrelationIdAsync() => Task.FromResult(RequestContext.CorrelationId);

    public Task<string?> GetNestedCorrelationIdAsync(string otherKey) => GrainFactory.GetGrain<IChainGrain>(otherKey).GetCorrelationIdAsync();

    public Task ThrowAsync(string message) => throw new InvalidOperationException(message);

    public Task<Payload> MutateAsync(Payload payload)
    {
        payload.Items.Add("changed by grain");
        return Task.FromResult(payload);
    }

    public Task SleepAsync(int milliseconds) => Task.Delay(milliseconds);

    public Task<string> GetSiloAsync() => Task.FromResult(silo.Address.ToString());
}
