using EcomOps.TestingHost;
using EcomOps.Runtime.Tests.Grains;

namespace EcomOps.Runtime.Tests;

[Collection(ClusterCollection.Name)]
public sealed class LifecycleTests(ClusterFixture fixture)
{
    [Fact]
    public async Task IdleActivationsAreCollectedEvenWithATimerRunning()
    {
        await using var cluster = await fixture.StartClusterAsync(1, o =>
        {
            o.Configuration["Silo:CollectionAge"] = "00:00:00.500";
            o.Configuration["Silo:CollectionQuantum"] = "00:00:00.100";
        });
        var grain = cluster.Client.GetGrain<ILifecycleGrain>("idle");
        await grain.StartSlowTimerAsync(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(10));
        Assert.Equal(1, await grain.GetActivationCountAsync());

        await Task.Delay(1500);

        Assert.Equal(["IdleCollection"], await grain.GetDeactivationsAsync());
        Assert.Equal(2, await grain.GetActivationCountAsync());
    }

    [Fact]
    public async Task DeactivateOnIdleEndsTheActivationAfterTheTurn()
    {
        var grain = fixture.Cluster.Client.GetGrain<ILifecycleGrain>("asked-to-go");
        Assert.Equal(1, await grain.GetActivationCountAsync());
        await grain.DeactivateAsync();

        Assert.Equal(["ApplicationRequested"], await grain.GetDeactivationsAsync());
        Assert.Equal(2, await grain.GetActivationCountAsync());
    }

    [Fact]
    public async Task TimerTicksNeverOverlapEvenWhenACallbackOutlastsThePeriod()
    {
        var grain = fixture.Cluster.Client.GetGrain<ILifecycleGrain>("slow-timer");
        await grain.StartSlowTimerAsync(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100));
        var stats = await Eventually.ReachesAsync(grain.GetTimerStatsAsync, s => s.Ticks >= 4, TimeSpan.FromSeconds(10), "four ticks");
        Assert.Equal(1, stats.MaxOverlap);
    }
}
