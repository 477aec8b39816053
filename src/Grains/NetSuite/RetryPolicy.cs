namespace EcomOps.Grains.NetSuite;

/// <summary>How often and how patiently to retry NetSuite: exponential backoff with full jitter, capped, and never
/// sooner than a Retry-After NetSuite sent.</summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static RetryPolicy Default { get; } = new(8, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(20));

    public TimeSpan Delay(int attempt, TimeSpan? retryAfter, Random random)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20)));
        var jittered = TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
        return retryAfter is { } after && after > jittered ? after : jittered;
    }
}
