namespace EcomOps.Runtime.Membership;

/// <summary>Stable 64-bit hashes for rendezvous placement: the same in every process and on every run,
/// unlike string.GetHashCode.</summary>
internal static class PlacementHash
{
    public static ulong Of(GrainId grain) => Mix(Fnv(grain.Key, Fnv(grain.Type, 14695981039346656037UL) ^ '/'));

    public static ulong Of(SiloAddress silo) => Mix(Fnv(silo.ToString(), 14695981039346656037UL));

    /// <summary>The rendezvous score of a grain on a silo: the silo with the highest score owns the grain.</summary>
    public static ulong Score(ulong grainHash, ulong siloHash) => Mix(grainHash ^ siloHash);

    private static ulong Fnv(string text, ulong hash)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static ulong Mix(ulong x)
    {
        // MurmurHash3's 64-bit finalizer: spreads FNV's weak low bits over the whole word.
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }
}
