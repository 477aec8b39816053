using EcomOps.Runtime.Membership;

namespace EcomOps.Runtime.Tests;

public sealed class PlacementTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public void HashesAreStableAcrossProcesses()
    {
        // Fixed values: placement must agree between silos, clients and restarts.
        Assert.Equal(PlacementHash.Of(new GrainId("counter", "a")), PlacementHash.Of(new GrainId("counter", "a")));
        Assert.NotEqual(PlacementHash.Of(new GrainId("counter", "a")), PlacementHash.Of(new GrainId("countera", "")));
        Assert.Equal(3025736199249225669UL, PlacementHash.Of(new GrainId("counter", "a")));
    }

    [Fact]
    public void AJoiningSiloTakesOnlyItsShareOfGrains()
    {
        var three = View(Silo(1), Silo(2), Silo(3));
        var four = View(Silo(1), Silo(2), Silo(3), Silo(4));
        var grains = Enumerable.Range(0, 10_000).Select(i => PlacementHash.Of(new GrainId("g", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();

        var moved = grains.Count(g => three.Owner(g) != four.Owner(g));
        Assert.All(grains.Where(g => three.Owner(g) != four.Owner(g)), g => Assert.Equal(Silo(4), four.Owner(g)));
        Assert.InRange(moved, 2_000, 3_000);
        foreach (var silo in new[] { Silo(1), Silo(2), Silo(3) })
        {
            Assert.InRange(grains.Count(g => three.Owner(g) == silo), 3_000, 3_700);
        }
    }

    [Fact]
    public void OnlyActiveAndShuttingDownSilosOwnGrains()
    {
        var view = new MembershipView(1,
        [
            Entry(Silo(1), SiloStatus.Joining),
            Entry(Silo(2), SiloStatus.ShuttingDown),
            Entry(Silo(3), SiloStatus.Dead),
        ]);
        Assert.Equal([Silo(2)], view.Owners);
        Assert.Null(MembershipView.Empty.Owner(42));
    }

    private static SiloAddress Silo(int n) => new("10.0.0." + n, 11111, 1);

    private static SiloEntry Entry(SiloAddress address, SiloStatus status) => new(address, status, "host", Now, Now, TimeSpan.Zero);

    private static MembershipView View(params SiloAddress[] silos) => new(1, silos.Select(s => Entry(s, SiloStatus.Active)).ToList());
}
