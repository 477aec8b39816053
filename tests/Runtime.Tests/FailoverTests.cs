using System.Collections.Concurrent;
using EcomOps.Runtime.Tests.Grains;
using EcomOps.TestingHost;
using Npgsql;

namespace EcomOps.Runtime.Tests;

[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AKilledSilosGrainsReactivateElsewhereWithTheirLastWrittenState()
    {
        await using var cluster = await fixture.StartClusterAsync(3);
        var client = cluster.Client;
        var placement = new Dictionary<string, string>();
        for (var i = 1; i <= 30; i++)
        {
            var counter = client.GetGrain<ICounterGrain>($"survivor-{i}");
            for (var n = 0; n < i; n++)
            {
                await counter.IncrementAsync();
            }

            placement[$"survivor-{i}"] = await counter.GetSiloAsync();
        }

        var victim = cluster.Silos.First(s => placement.ContainsValue(s.Address.ToString()));
        await cluster.KillSiloAsync(victim);

        for (var i = 1; i <= 30; i++)
        {
            var counter = client.GetGrain<ICounterGrain>($"survivor-{i}");
            Assert.Equal(i, await TestCluster.RetryOnceAfterCrashAsync(counter.GetAsync));
            Assert.NotEqual(victim.Address.ToString(), await counter.GetSiloAsync());
        }

        await Eventually.ReachesAsync(() => StatusOfAsync(cluster.ConnectionString, cluster.ClusterId, victim.Address), s => s == "Dead",
            TimeSpan.FromSeconds(10), "the killed silo to be declared dead");
    }

    [Fact]
    public async Task GracefulShutdownPersistsAndHandsOverWithoutFailedCalls()
    {
        await using var cluster = await fixture.StartClusterAsync(3);
        var client = cluster.Client;
        var keys = Enumerable.Range(0, 24).Select(i => $"handover-{i}").ToArray();
        var succeeded = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();

        async Task CallerAsync(int offset)
        {
            for (var i = offset; !stop.IsCancellationRequested; i++)
            {
                var key = keys[i % keys.Length];
                try
                {
                    await client.GetGrain<IBufferedCounterGrain>(key).IncrementAsync();
                    succeeded.AddOrUpdate(key, 1, (_, n) => n + 1);
                }
                catch (Exception exception)
                {
                    failures.Enqueue(exception);
                }
            }
        }

        var callers = Enumerable.Range(0, 8).Select(CallerAsync).ToList();
        await Task.Delay(400);
        var leaving = cluster.Silos[1];
        Assert.True(leaving.Silo.ActivationCount > 0);
        await cluster.StopSiloAsync(leaving);
        await Task.Delay(400);
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        Assert.Empty(failures);
        foreach (var key in keys)
        {
            // The counter persists only on deactivation: any call lost in the hand-over would show here.
            Assert.Equal(succeeded.GetValueOrDefault(key), await client.GetGrain<IBufferedCounterGrain>(key).GetAsync());
        }

        Assert.Equal("Dead", await StatusOfAsync(cluster.ConnectionString, cluster.ClusterId, leaving.Address));
    }

    [Fact]
    public async Task ASiloThatJoinsTakesOverSomeGrainsWithTheirState()
    {
        await using var cluster = await fixture.StartClusterAsync(1);
        var client = cluster.Client;
        var keys = Enumerable.Range(0, 40).Select(i => $"rebalanced-{i}").ToArray();
        foreach (var key in keys)
        {
            await client.GetGrain<ICounterGrain>(key).IncrementAsync();
        }

        var joined = await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();

        var moved = 0;
        foreach (var key in keys)
        {
            var counter = client.GetGrain<ICounterGrain>(key);
            Assert.Equal(2, await counter.IncrementAsync());
            moved += await counter.GetSiloAsync() == joined.Address.ToString() ? 1 : 0;
        }

        Assert.InRange(moved, 1, keys.Length - 1);
    }

    [Fact]
    public async Task ASiloDeclaredDeadByItsPeersStopsServing()
    {
        await using var cluster = await fixture.StartClusterAsync(2);
        var doomed = cluster.Silos[1];
        await MarkDeadAsync(cluster, doomed);

        await Eventually.ReachesAsync(() => Task.FromResult(doomed.Silo.Status), s => s == SiloStatus.Dead, TimeSpan.FromSeconds(5),
            "the silo to notice it was declared dead");
        Assert.Equal(0, doomed.Silo.ActivationCount);

        // The survivor now owns everything.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(cluster.Silos[0].Address.ToString(), await cluster.Client.GetGrain<ICounterGrain>($"after-fence-{i}").GetSiloAsync());
        }
    }

    [Fact]
    public async Task ACallQueuedOnASiloDeclaredDeadIsSentBackAndRunsOnTheNewOwner()
    {
        await using var cluster = await fixture.StartClusterAsync(2);
        var doomed = cluster.Silos[1];
        var key = await KeyActivatedOnAsync(cluster, doomed);
        var grain = cluster.Client.GetGrain<ITurnBasedGrain>(key);
        var busy = grain.WorkAsync(1500);
        await Eventually.ReachesAsync(grain.RunningNowAsync, n => n == 1, TimeSpan.FromSeconds(5), "the busy turn to start");

        // Not interleavable: it waits on the doomed silo behind the busy turn.
        var queued = grain.MaxConcurrencyAsync();
        await Task.Delay(300);
        await MarkDeadAsync(cluster, doomed);

        // A fresh activation on the survivor has seen no turn; a silo that dropped the call would leave it to time out.
        Assert.Equal(0, await queued);
        Assert.False(doomed.Silo.HasActivation(new GrainId("turnbased", key)));
        var busyOutcome = await Record.ExceptionAsync(() => busy);
        Assert.True(busyOutcome is null or SiloUnavailableException, busyOutcome?.ToString());
    }

    [Fact]
    public async Task SilosStalledTogetherDoNotDeclareEachOtherDead()
    {
        await using var cluster = await fixture.StartClusterAsync(3);
        await cluster.WaitForLivenessToStabilizeAsync();

        // Every silo of this process stops running for longer than the death timeout, as in a long GC pause or
        // thread-pool starvation on a loaded machine; none of them is dead.
        await StallThreadPoolAsync(TimeSpan.FromMilliseconds(2500));

        // Past the death timeout after the stall, when judging resumes, and a few heartbeat rounds more.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.All(cluster.Silos, s => Assert.Equal(SiloStatus.Active, s.Silo.Status));
        foreach (var silo in cluster.Silos)
        {
            Assert.Equal("Active", await StatusOfAsync(cluster.ConnectionString, cluster.ClusterId, silo.Address));
        }
    }

    private static async Task<string> KeyActivatedOnAsync(TestCluster cluster, TestSilo silo)
    {
        for (var i = 0; i < 64; i++)
        {
            var key = $"queued-{i}";
            await cluster.Client.GetGrain<ITurnBasedGrain>(key).MaxConcurrencyAsync();
            if (silo.Silo.HasActivation(new GrainId("turnbased", key)))
            {
                return key;
            }
        }

        throw new InvalidOperationException($"No key of 64 landed on {silo}.");
    }

    private static async Task MarkDeadAsync(TestCluster cluster, TestSilo silo)
    {
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "update rt_membership set status = 'Dead' where cluster_id = $1 and port = $2 and generation = $3");
        command.Parameters.AddWithValue(cluster.ClusterId);
        command.Parameters.AddWithValue(silo.Address.Port);
        command.Parameters.AddWithValue(silo.Address.Generation);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Occupies every thread-pool thread, and every thread the pool adds meanwhile, until <paramref name="stall"/> has passed.</summary>
    private static async Task StallThreadPoolAsync(TimeSpan stall)
    {
        // Not disposed: blockers still queued when it is set call Wait on it afterwards.
        var release = new ManualResetEventSlim();
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blockers = ThreadPool.ThreadCount + 200;
        for (var i = 0; i < blockers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(e => e.Wait(), release, preferLocal: false);
        }

        var releaser = new Thread(() =>
        {
            Thread.Sleep(stall);
            release.Set();
            released.SetResult();
        });
        releaser.Start();
        await released.Task;
        releaser.Join();
    }

    private static async Task<string?> StatusOfAsync(string connectionString, string clusterId, SiloAddress silo)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            "select status from rt_membership where cluster_id = $1 and port = $2 and generation = $3");
        command.Parameters.AddWithValue(clusterId);
        command.Parameters.AddWithValue(silo.Port);
        command.Parameters.AddWithValue(silo.Generation);
        return await command.ExecuteScalarAsync() as string;
    }
}
