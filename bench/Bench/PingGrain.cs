using EcomOps.Runtime;

namespace EcomOps.Bench;

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}
