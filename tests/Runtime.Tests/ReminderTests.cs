using EcomOps.TestingHost;
using EcomOps.Runtime.Tests.Grains;

namespace EcomOps.Runtime.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ReminderTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task AReminderKeepsFiringAfterItsSiloIsKilledAndTheMissedTicksFireOnce()
    {
        await using var cluster = await fixture.StartClusterAsync(3);
        var grain = cluster.Client.GetGrain<IReminderGrain>("failover");
        await grain.StartAsync(Period);
        var before = await Eventually.ReachesAsync(grain.GetTicksAsync, t => t.Count >= 2, TimeSpan.FromSeconds(10), "two ticks");

        var owner = cluster.Silos.Single(s => s.Address.ToString() == before[^1].Silo);
        await cluster.KillSiloAsync(owner);

        var after = await Eventually.ReachesAsync(grain.GetTicksAsync,
            t => t.Count(x => x.Silo != owner.Address.ToString()) >= 3, TimeSpan.FromSeconds(15), "three ticks on a new owner");

        // Delivery is at least once: a tick in flight at the crash may be delivered again; its due time tells.
        var ticks = after.DistinctBy(t => t.DueAt).ToList();
        var firstOnNewOwner = ticks.First(t => t.Silo != owner.Address.ToString());
        Assert.True(firstOnNewOwner.MissedTicks >= 1, $"the outage outlasted the period, yet the first tick after it reported {firstOnNewOwner.MissedTicks} missed");

        // No tick was lost or counted twice: each delivered tick accounts exactly for the due times since the one before
        // it (a tick delayed past its period, on a busy machine, is coalesced the same way and still adds up).
        for (var i = 1; i < ticks.Count; i++)
        {
            Assert.Equal(Period * (ticks[i].MissedTicks + 1), ticks[i].DueAt - ticks[i - 1].DueAt);
        }
    }

    [Fact]
    public async Task RemindersKeepFiringThroughARollingRestart()
    {
        await using var cluster = await fixture.StartClusterAsync(3);
        var grains = Enumerable.Range(0, 6).Select(i => cluster.Client.GetGrain<IReminderGrain>($"rolling-{i}")).ToList();
        foreach (var grain in grains)
        {
            await grain.StartAsync(Period);
        }

        var original = cluster.Silos.ToList();
        foreach (var silo in original)
        {
            // Ticks fall due between restarts, on whichever silos own the grains at that moment.
            await Task.Delay(Period * 2);
            await cluster.RestartSiloAsync(silo);
        }

        var restarted = cluster.Silos.Select(s => s.Address.ToString()).ToHashSet();
        foreach (var grain in grains)
        {
            var ticks = (await Eventually.ReachesAsync(grain.GetTicksAsync, t => t.Count(x => restarted.Contains(x.Silo)) >= 2, TimeSpan.FromSeconds(15),
                "ticks on the restarted silos")).DistinctBy(t => t.DueAt).ToList();
            for (var i = 1; i < ticks.Count; i++)
            {
                Assert.True(Period * (ticks[i].MissedTicks + 1) == ticks[i].DueAt - ticks[i - 1].DueAt, string.Join("\n", ticks.Select(t => $"{t.DueAt:HH:mm:ss.fff} missed={t.MissedTicks} at={t.ReceivedAt:HH:mm:ss.fff} {t.Silo}")));
            }
        }
    }

    [Fact]
    public async Task TicksThatFallDueDuringASlowDeliveryAreCountedIntoTheNextOneNotSkipped()
    {
        var grain = fixture.Cluster.Client.GetGrain<IReminderGrain>("slow");
        await grain.StartSlowAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(500));
        var ticks = await Eventually.ReachesAsync(grain.GetTicksAsync, t => t.Count >= 4, TimeSpan.FromSeconds(15), "four slow ticks");
        await grain.StopAsync();

        Assert.Contains(ticks.Skip(1), t => t.MissedTicks >= 1);
        for (var i = 1; i < ticks.Count; i++)
        {
            Assert.Equal(TimeSpan.FromMilliseconds(300) * (ticks[i].MissedTicks + 1), ticks[i].DueAt - ticks[i - 1].DueAt);
        }
    }

    [Fact]
    public async Task AnUnregisteredReminderStopsFiring()
    {
        var grain = fixture.Cluster.Client.GetGrain<IReminderGrain>("stopper");
        await grain.StartAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(["tick"], await grain.ListRemindersAsync());
        await Eventually.ReachesAsync(grain.GetTicksAsync, t => t.Count >= 2, TimeSpan.FromSeconds(10), "two ticks");

        await grain.StopAsync();
        Assert.Empty(await grain.ListRemindersAsync());
        var stoppedAt = (await grain.GetTicksAsync()).Count;
        await Task.Delay(1000);

        // A tick already being delivered when it was unregistered may still land.
        Assert.InRange((await grain.GetTicksAsync()).Count, stoppedAt, stoppedAt + 1);
    }

    [Fact]
    public async Task AReminderPeriodBelowTheMinimumIsRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => fixture.Cluster.Client.GetGrain<IReminderGrain>("too-fast").StartAsync(TimeSpan.FromMilliseconds(10)));
        Assert.Contains("at least", error.Message);
    }
}
