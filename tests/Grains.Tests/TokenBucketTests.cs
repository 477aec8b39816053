using EcomOps.Grains.Tenancy;

namespace EcomOps.Grains.Tests;

public sealed class TokenBucketTests
{
    [Fact]
    public void AllowsTheCapacityAtOnceThenAsksToWait()
    {
        var time = new ManualTime();
        var bucket = new TokenBucket(60, time);
        for (var i = 0; i < 60; i++)
        {
            Assert.True(bucket.TryTake(1).Allowed, $"call {i + 1}");
        }

        var refused = bucket.TryTake(1);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
    }

    [Fact]
    public void RefillsByTheMinuteRateAndNeverBeyondCapacity()
    {
        var time = new ManualTime();
        var bucket = new TokenBucket(60, time);
        Assert.True(bucket.TryTake(60).Allowed);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(bucket.TryTake(10).Allowed);
        Assert.False(bucket.TryTake(1).Allowed);

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(59, bucket.TryTake(1).Remaining);
        Assert.False(bucket.TryTake(60).Allowed);
    }

    [Fact]
    public void ACostlyCallWaitsForEnoughTokens()
    {
        var time = new ManualTime();
        var bucket = new TokenBucket(30, time);
        Assert.True(bucket.TryTake(30).Allowed);
        Assert.Equal(TimeSpan.FromSeconds(10), bucket.TryTake(5).RetryAfter);
    }
}
