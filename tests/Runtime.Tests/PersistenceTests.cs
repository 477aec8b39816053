using EcomOps.Runtime.Tests.Grains;

namespace EcomOps.Runtime.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PersistenceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task StateSurvivesDeactivationAndIsReadBeforeTheFirstCall()
    {
        var counter = fixture.Cluster.Client.GetGrain<ICounterGrain>("round-trip");
        await counter.IncrementAsync();
        await counter.IncrementAsync();
        Assert.Equal(3, await counter.IncrementAsync());
        Assert.Equal("3", await counter.GetEtagAsync());

        await counter.DeactivateAsync();

        Assert.Equal(3, await counter.GetAsync());
        Assert.Equal("3", await counter.GetEtagAsync());
    }

    [Fact]
    public async Task ClearingKeepsTheRecordVersionedSoAStaleWriterStillConflicts()
    {
        var value = fixture.Cluster.Client.GetGrain<IValueGrain>("clear");
        await value.SetAsync("a");
        await value.ClearAsync();

        var cleared = await value.ReadAsync();
        Assert.False(cleared.RecordExists);
        Assert.Null(cleared.Value);
        Assert.Equal("2", cleared.Etag);

        await value.SetAsync("b");
        var written = await value.ReadAsync();
        Assert.True(written.RecordExists);
        Assert.Equal("3", written.Etag);
        Assert.Equal(["b"], written.History);
    }

    [Fact]
    public async Task AnEtagConflictBetweenTwoActivationsKeepsTheNewerState()
    {
        // A second cluster sharing the first one's service id holds a second, duplicate activation of the same grain:
        // exactly the situation storage etags exist to make safe.
        await using var other = await fixture.StartClusterAsync(1, o => o.ServiceId = fixture.Cluster.ClusterId);
        var first = fixture.Cluster.Client.GetGrain<IValueGrain>("contended");
        var duplicate = other.Client.GetGrain<IValueGrain>("contended");

        await first.SetAsync("original");
        Assert.Equal("original", (await duplicate.ReadAsync()).Value);
        await first.SetAsync("newer");

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => duplicate.SetAsync("stale"));
        Assert.Contains("etag '2'", conflict.Message);
        Assert.Contains("etag '1'", conflict.Message);

        var kept = await first.ReadAsync();
        Assert.Equal("newer", kept.Value);
        Assert.Equal(["original", "newer"], kept.History);

        // The stale activation deactivated; its grain's next call reads the newer state.
        var reloaded = await duplicate.ReadAsync();
        Assert.Equal("newer", reloaded.Value);
        Assert.Equal("2", reloaded.Etag);
    }
}
