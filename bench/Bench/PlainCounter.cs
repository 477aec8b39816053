using System.Runtime.CompilerServices;

namespace EcomOps.Bench;

/// <summary>The baseline: the same call shape on a plain object, no runtime in between.</summary>
public sealed class PlainCounter : IPingGrain
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}
