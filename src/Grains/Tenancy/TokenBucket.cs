namespace EcomOps.Grains.Tenancy;

/// <summary>A token bucket that refills continuously: <c>capacity</c> calls at once, then <c>capacity</c> per minute.</summary>
public sealed class TokenBucket(int capacity, TimeProvider time)
{
    private readonly double perSecond = capacity / 60.0;
    private double tokens = capacity;
    private long last = time.GetTimestamp();

    public int Capacity { get; } = capacity;

    public RateLimitDecision TryTake(int cost)
    {
        var now = time.GetTimestamp();
        tokens = Math.Min(Capacity, tokens + (time.GetElapsedTime(last, now).TotalSeconds * perSecond));
        last = now;
        if (cost <= tokens)
        {
            tokens -= cost;
            return new RateLimitDecision(true, TimeSpan.Zero, (int)tokens);
        }

        var wait = TimeSpan.FromSeconds(Math.Ceiling((cost - tokens) / perSecond));
        return new RateLimitDecision(false, wait, (int)tokens);
    }
}
