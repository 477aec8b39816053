using EcomOps.Grains.NetSuite;

namespace EcomOps.Grains.Tests.NetSuite;

public sealed class RetryPolicyTests
{
    private static readonly RetryPolicy Policy = new(8, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(20));

    [Fact]
    public void TheCeilingDoublesWithEachAttemptUpToTheMaximumAndTheJitterSpreadsBelowIt()
    {
        var random = new Random(7);
        foreach (var (attempt, ceiling) in new[] { (1, 500.0), (2, 1000.0), (4, 4000.0), (7, 20_000.0), (30, 20_000.0) })
        {
            var delays = Enumerable.Range(0, 2000).Select(_ => Policy.Delay(attempt, null, random).TotalMilliseconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, 0, ceiling));
            Assert.True(delays.Max() > ceiling * 0.95, $"attempt {attempt}: jitter reaches up to the ceiling");
            Assert.True(delays.Min() < ceiling * 0.05, $"attempt {attempt}: jitter reaches down to zero");
        }
    }

    [Fact]
    public void RetryAfterIsAFloorNeverShortened()
    {
        var random = new Random(7);
        Assert.All(Enumerable.Range(0, 500), _ => Assert.True(Policy.Delay(1, TimeSpan.FromSeconds(3), random) == TimeSpan.FromSeconds(3)));
        Assert.All(Enumerable.Range(0, 500), _ => Assert.True(Policy.Delay(8, TimeSpan.FromMilliseconds(1), random) >= TimeSpan.FromMilliseconds(1)));
    }
}
