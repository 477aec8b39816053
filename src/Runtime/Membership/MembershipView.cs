namespace EcomOps.Runtime.Membership;

/// <summary>One consistent reading of the membership table, and placement over it.</summary>
internal sealed class MembershipView
{
    private readonly SiloAddress[] owners;
    private readonly ulong[] ownerHashes;

    public MembershipView(long version, IReadOnlyList<SiloEntry> silos)
    {
        Version = version;
        Silos = silos;
        owners = silos.Where(s => s.Status is SiloStatus.Active or SiloStatus.ShuttingDown).Select(s => s.Address).ToArray();
        ownerHashes = owners.Select(PlacementHash.Of).ToArray();
    }

    public static MembershipView Empty { get; } = new(-1, []);

    public long Version { get; }

    public IReadOnlyList<SiloEntry> Silos { get; }

    public IReadOnlyList<SiloAddress> Owners => owners;

    /// <summary>The silo that owns a grain: highest rendezvous score among Active and ShuttingDown silos, so a
    /// silo joining or leaving moves only the grains it gains or loses.</summary>
    public SiloAddress? Owner(ulong grainHash)
    {
        var best = -1;
        var bestScore = 0UL;
        for (var i = 0; i < owners.Length; i++)
        {
            var score = PlacementHash.Score(grainHash, ownerHashes[i]);
            if (best < 0 || score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        return best < 0 ? null : owners[best];
    }

    public SiloStatus? StatusOf(SiloAddress silo) => Silos.FirstOrDefault(s => s.Address == silo)?.Status;

    public bool SameOwnersAs(MembershipView other) => owners.SequenceEqual(other.owners);
}
