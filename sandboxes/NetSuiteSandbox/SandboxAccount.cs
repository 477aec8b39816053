using EcomOps.Grains.NetSuite;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>A simulated NetSuite account: its TBA credentials, its concurrency limit, and what it is doing now.</summary>
public sealed class SandboxAccount(TbaCredentials credentials, int concurrencyLimit)
{
    private int inFlight;
    private int peak;
    private long requests;
    private long rejected;

    public TbaCredentials Credentials { get; } = credentials;

    public int ConcurrencyLimit { get; set; } = concurrencyLimit;

    public SandboxFaults Faults { get; } = new();

    public SandboxStats Stats => new(Volatile.Read(ref inFlight), Volatile.Read(ref peak), Interlocked.Read(ref requests), Interlocked.Read(ref rejected));

    /// <summary>Takes a concurrency slot as NetSuite counts them; false over the limit.</summary>
    public bool TryEnter()
    {
        Interlocked.Increment(ref requests);
        var now = Interlocked.Increment(ref inFlight);
        if (now > ConcurrencyLimit)
        {
            Interlocked.Decrement(ref inFlight);
            Interlocked.Increment(ref rejected);
            return false;
        }

        int current;
        while ((current = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, current) != current)
        {
        }

        return true;
    }

    public void Leave() => Interlocked.Decrement(ref inFlight);
}
