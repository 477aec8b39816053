using System.Collections.Concurrent;
using EcomOps.Grains.Hosting;
using EcomOps.Grains.NetSuite;
using EcomOps.TestingHost;
using Microsoft.Extensions.Configuration;

namespace EcomOps.Grains.Tests.NetSuite;

public sealed class NetSuiteAccountGrainTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private TestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var options = new TestClusterOptions { InitialSilos = 3 };
        options.ConfigureSilo = silo => silo.AddProductGrains();
        cluster = await TestCluster.StartAsync(database.ConnectionString, options);
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task NeverMoreRequestsInFlightThanTheLimitWhateverTheLoad()
    {
        var clients = new[] { cluster.Client, await cluster.CreateClientAsync(), await cluster.CreateClientAsync() };
        await clients[0].GetGrain<INetSuiteAccountGrain>("1234567_SB1").SetLimitAsync(5);
        var inFlight = 0;
        var most = 0;

        async Task RequestAsync(int i)
        {
            var account = clients[i % clients.Length].GetGrain<INetSuiteAccountGrain>("1234567_SB1");
            var lease = await account.AcquireAsync($"request-{i}", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
            Assert.NotNull(lease);
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Delay(15);
            Interlocked.Decrement(ref inFlight);
            await account.ReleaseAsync(lease.LeaseId);
        }

        await Task.WhenAll(Enumerable.Range(0, 60).Select(RequestAsync));

        Assert.InRange(most, 1, 5);
        var status = await cluster.Client.GetGrain<INetSuiteAccountGrain>("1234567_SB1").GetStatusAsync();
        Assert.Equal((5, 0, 0, 5, 60L), (status.Limit, status.InUse, status.Waiting, status.PeakInUse, status.Granted));
    }

    [Fact]
    public async Task ASlotHeldByACrashedCallerComesBackWhenItsLeaseExpires()
    {
        var account = cluster.Client.GetGrain<INetSuiteAccountGrain>("lease-expiry");
        await account.SetLimitAsync(1);
        Assert.NotNull(await account.AcquireAsync("crashed", TimeSpan.FromMilliseconds(300), TimeSpan.Zero));

        var next = await account.AcquireAsync("next", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        Assert.NotNull(next);
        Assert.Equal(1, (await account.GetStatusAsync()).Reclaimed);
    }

    [Fact]
    public async Task AWaitThatRunsOutAnswersNull()
    {
        var account = cluster.Client.GetGrain<INetSuiteAccountGrain>("busy");
        await account.SetLimitAsync(1);
        var held = await account.AcquireAsync("long", TimeSpan.FromSeconds(30), TimeSpan.Zero);

        Assert.Null(await account.AcquireAsync("impatient", TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(300)));
        Assert.Equal(0, (await account.GetStatusAsync()).Waiting);
        await account.ReleaseAsync(held!.LeaseId);
        Assert.NotNull(await account.AcquireAsync("patient", TimeSpan.FromSeconds(5), TimeSpan.Zero));
    }

    [Fact]
    public async Task WaitingCallersAreServedFirstComeFirstServed()
    {
        var account = cluster.Client.GetGrain<INetSuiteAccountGrain>("fair");
        await account.SetLimitAsync(1);
        var held = await account.AcquireAsync("first", TimeSpan.FromSeconds(30), TimeSpan.Zero);
        var order = new ConcurrentQueue<string>();
        var waiting = new List<Task>();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            waiting.Add(TakeAndGiveBackAsync(name));
            var expected = waiting.Count;
            while ((await account.GetStatusAsync()).Waiting < expected)
            {
                await Task.Delay(10);
            }
        }

        await account.ReleaseAsync(held!.LeaseId);
        await Task.WhenAll(waiting);
        Assert.Equal(["a", "b", "c", "d"], order);

        async Task TakeAndGiveBackAsync(string name)
        {
            var lease = await account.AcquireAsync(name, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
            order.Enqueue(name);
            await account.ReleaseAsync(lease!.LeaseId);
        }
    }

    [Fact]
    public async Task SlotsStayTakenWhenTheGovernorsSiloCrashes()
    {
        var account = cluster.Client.GetGrain<INetSuiteAccountGrain>("failover");
        await account.SetLimitAsync(2);
        var first = await account.AcquireAsync("one", TimeSpan.FromMinutes(1), TimeSpan.Zero);
        Assert.NotNull(await account.AcquireAsync("two", TimeSpan.FromMinutes(1), TimeSpan.Zero));

        var owner = Owner("failover");
        await cluster.KillSiloAsync(owner);

        // The new activation knows both slots are out: a third request may not start.
        Assert.Null(await TestCluster.RetryOnceAfterCrashAsync(() => account.AcquireAsync("three", TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(300))));
        await account.ReleaseAsync(first!.LeaseId);
        Assert.NotNull(await account.AcquireAsync("three", TimeSpan.FromMinutes(1), TimeSpan.Zero));
    }

    private TestSilo Owner(string key) =>
        cluster.Silos.Single(s => s.Silo.HasActivation(new EcomOps.Runtime.GrainId("netsuiteaccount", key)));

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
