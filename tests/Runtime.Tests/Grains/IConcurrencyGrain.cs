using EcomOps.Runtime;
using EcomOps.Runtime.Concurrency;

namespace EcomOps.Runtime.Tests.Grains;

public interface IConcurrencyGrain : IGrainWithStringKey
{
    /// <summary>Awaits for a while inside the turn and returns the most turns seen running at once.</summary>
    Task<int> WorkAsync(int milliseconds);

    [AlwaysInterleave]
    Task<int> RunningNowAsync();

    Task<int> MaxConcurrencyAsync();

    /// <summary>Mutates a plain list without locks from many interleaved turns: safe only if execution is single-threaded.</summary>
    Task<int> AppendManyAsync(int count);
}
