using System.Diagnostics;
using EcomOps.Runtime.Hosting;
using EcomOps.Runtime.Tests.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EcomOps.Runtime.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GrainCallTests(ClusterFixture fixture)
{
    [Fact]
    public async Task GrainsCallGrainsOnOtherSilos()
    {
        var client = fixture.Cluster.Client;
        var placements = new HashSet<(string, string)>();
        for (var i = 0; i < 12; i++)
        {
            var caller = client.GetGrain<IChainGrain>($"caller-{i}");
            Assert.Equal($"callee-{i}", await caller.CallOtherAsync($"callee-{i}"));
            placements.Add((await caller.GetSiloAsync(), await client.GetGrain<IChainGrain>($"callee-{i}").GetSiloAsync()));
        }

        Assert.Contains(placements, p => p.Item1 != p.Item2);
    }

    [Fact]
    public async Task ACallCycleOnOneCallChainCompletesAtOnce()
    {
        var stopwatch = Stopwatch.StartNew();
        var depth = await fixture.Cluster.Client.GetGrain<IChainGrain>("ping").BounceAsync("pong", 8);
        Assert.Equal(8, depth);

        // Without call-chain reentrancy this would wait for the 30 s response timeout.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task ATrueDeadlockEndsInATimeoutNamingTheCall()
    {
        var client = fixture.Cluster.Client;
        var a = client.GetGrain<IChainGrain>("deadlock-a");
        var b = client.GetGrain<IChainGrain>("deadlock-b");
        await Task.WhenAll(a.PingAsync(), b.PingAsync());

        // Each turn waits long enough for the other to have started, so each call waits behind a busy turn.
        var calls = new[] { a.WaitThenCallAsync("deadlock-b", 1000), b.WaitThenCallAsync("deadlock-a", 1000) };
        var outcomes = await Task.WhenAll(calls.Select(FailureOfAsync));

        // The first timeout breaks the deadlock: that turn ends, and the other call may then just make it.
        var timeout = Assert.IsType<TimeoutException>(outcomes.First(o => o is not null));
        Assert.Contains("IChainGrain.PingWithShortTimeoutAsync", timeout.Message);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.IsType<TimeoutException>(o));
    }

    [Fact]
    public async Task AResponseTimeoutOverrideFailsTheCallWithATimeoutException()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() => fixture.Cluster.Client.GetGrain<IChainGrain>("sleeper").SleepAsync(3000));
        Assert.Contains("IChainGrain.SleepAsync", error.Message);
        Assert.Contains("00:00:00.5", error.Message);
    }

    [Fact]
    public async Task ExceptionsReachTheCallerWithTheirTypeAndMessage()
    {
        var remote = fixture.Cluster.Client.GetGrain<IChainGrain>("thrower");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => remote.ThrowAsync("remote boom"));
        Assert.Equal("remote boom", error.Message);

        var owner = await OwnerOfAsync("thrower");
        var local = owner.GrainFactory.GetGrain<IChainGrain>("thrower");
        var localError = await Assert.ThrowsAsync<InvalidOperationException>(() => local.ThrowAsync("local boom"));
        Assert.Equal("local boom", localError.Message);
    }

    [Fact]
    public async Task ArgumentsAndResultsAreCopiedBetweenActivationsOfOneSilo()
    {
        var owner = await OwnerOfAsync("copier");
        var grain = owner.GrainFactory.GetGrain<IChainGrain>("copier");
        var payload = new Payload { Items = ["from caller"] };

        var result = await grain.MutateAsync(payload);

        Assert.Equal(["from caller"], payload.Items);
        Assert.Equal(["from caller", "changed by grain"], result.Items);
        Assert.NotSame(payload, result);
    }

    [Fact]
    public async Task TheCorrelationIdTravelsThroughEveryGrainCall()
    {
        var grain = fixture.Cluster.Client.GetGrain<IChainGrain>("correlated");
        RequestContext.CorrelationId = "corr-42";
        try
        {
            Assert.Equal("corr-42", await grain.GetNestedCorrelationIdAsync("nested"));
        }
        finally
        {
            RequestContext.Clear();
        }

        var generated = await grain.GetNestedCorrelationIdAsync("nested");
        Assert.False(string.IsNullOrEmpty(generated));
        Assert.NotEqual("corr-42", generated);
    }

    [Fact]
    public async Task AClientFailsClearlyWhenNoSiloIsUp()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = "empty-" + Guid.NewGuid().ToString("N")[..8],
            ["Cluster:ConnectionString"] = fixture.Database.ConnectionString,
            ["Cluster:Secret"] = "a-secret-of-sixteen-or-more",
        });
        builder.AddClusterClient();
        using var host = builder.Build();
        await host.StartAsync();

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(
            () => host.Services.GetRequiredService<IClusterClient>().GetGrain<IChainGrain>("nobody").PingAsync());
        Assert.Contains("No active silo", error.Message);
        await host.StopAsync();
    }

    private static async Task<Exception?> FailureOfAsync(Task call)
    {
        try
        {
            await call;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private async Task<TestingHost.TestSilo> OwnerOfAsync(string key)
    {
        var address = await fixture.Cluster.Client.GetGrain<IChainGrain>(key).GetSiloAsync();
        return fixture.Cluster.Silos.Single(s => s.Address.ToString() == address);
    }
}
