using EcomOps.Runtime;

namespace EcomOps.Runtime.Tests.Grains;

public interface ILifecycleGrain : IGrainWithStringKey
{
    /// <summary>How this grain's previous activations ended, as they recorded it.</summary>
    Task<List<string>> GetDeactivationsAsync();

    Task<int> GetActivationCountAsync();

    Task DeactivateAsync();

    /// <summary>Starts a timer whose callback takes longer than its period.</summary>
    Task StartSlowTimerAsync(TimeSpan period, TimeSpan callbackDuration);

    Task<(int Ticks, int MaxOverlap)> GetTimerStatsAsync();
}
