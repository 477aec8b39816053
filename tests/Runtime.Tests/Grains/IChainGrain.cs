using EcomOps.Runtime;

namespace EcomOps.Runtime.Tests.Grains;

public interface IChainGrain : IGrainWithStringKey
{
    Task<string> PingAsync();

    [ResponseTimeout("00:00:01.500")]
    Task<string> PingWithShortTimeoutAsync();

    Task<string> CallOtherAsync(string otherKey);

    /// <summary>Calls the other grain, which calls back into this one, <paramref name="depth"/> times over.</summary>
    Task<int> BounceAsync(string otherKey, int depth);

    /// <summary>Waits, then calls the other grain while still inside this turn.</summary>
    Task<string> WaitThenCallAsync(string otherKey, int delayMs);

    Task<string?> GetCorrelationIdAsync();

    Task<string?> GetNestedCorrelationIdAsync(string otherKey);

    Task ThrowAsync(string message);

    Task<Payload> MutateAsync(Payload payload);

    [ResponseTimeout("00:00:00.500")]
    Task SleepAsync(int milliseconds);

    Task<string> GetSiloAsync();
}
