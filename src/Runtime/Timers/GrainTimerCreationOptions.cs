namespace EcomOps.Runtime;

public sealed class GrainTimerCreationOptions
{
    public TimeSpan DueTime { get; init; }

    /// <summary>Time between the end of one tick and the start of the next; <see cref="Timeout.InfiniteTimeSpan"/> for one tick.</summary>
    public TimeSpan Period { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Whether ticks may interleave with the activation's requests. Off by default, as in Orleans.</summary>
    public bool Interleave { get; init; }
}
