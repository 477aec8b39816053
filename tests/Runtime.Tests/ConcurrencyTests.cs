using EcomOps.TestingHost;
using EcomOps.Runtime.Tests.Grains;

namespace EcomOps.Runtime.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ConcurrencyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AThousandConcurrentIncrementsFromSeveralClientsEndAtExactlyAThousand()
    {
        var clients = new List<IClusterClient> { fixture.Cluster.Client };
        for (var i = 0; i < 3; i++)
        {
            clients.Add(await fixture.Cluster.CreateClientAsync());
        }

        var calls = Enumerable.Range(0, 1000)
            .Select(i => clients[i % clients.Count].GetGrain<ICounterGrain>("thousand").IncrementAsync())
            .ToList();
        var results = await Task.WhenAll(calls);

        // One turn at a time: every increment saw a distinct predecessor.
        Assert.Equal(Enumerable.Range(1, 1000), results.OrderBy(r => r));
        var counter = clients[0].GetGrain<ICounterGrain>("thousand");
        await counter.DeactivateAsync();
        Assert.Equal(1000, await counter.GetAsync());
    }

    [Fact]
    public async Task ATurnBasedGrainRunsOneRequestAtATime()
    {
        var grain = fixture.Cluster.Client.GetGrain<ITurnBasedGrain>("one-at-a-time");
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => grain.WorkAsync(30)));
        Assert.Equal(1, await grain.MaxConcurrencyAsync());
    }

    [Fact]
    public async Task AReentrantGrainInterleavesButStaysSingleThreaded()
    {
        var grain = fixture.Cluster.Client.GetGrain<IReentrantConcurrencyGrain>("interleaving");
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => grain.WorkAsync(200)));
        Assert.True(await grain.MaxConcurrencyAsync() > 1);

        // A List<int> mutated from 20 interleaved turns without locks loses items if two threads ever run it at once.
        var counts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.AppendManyAsync(500)));
        Assert.Equal(10_000, counts.Max());
    }

    [Fact]
    public async Task AnAlwaysInterleaveMethodRunsWhileALongTurnIsInProgress()
    {
        var grain = fixture.Cluster.Client.GetGrain<ITurnBasedGrain>("interleave-method");
        var longTurn = grain.WorkAsync(3000);
        await Eventually.ReachesAsync(grain.RunningNowAsync, running => running == 1, TimeSpan.FromSeconds(2), "the long turn to be seen running");
        Assert.False(longTurn.IsCompleted);
        await longTurn;
    }
}
