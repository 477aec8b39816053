namespace EcomOps.Sandboxes.NetSuite;

/// <summary>Faults injected on demand: each counter fails that many of the next requests in that way.</summary>
public sealed class SandboxFaults
{
    private int serverErrors;
    private int concurrencyErrors;
    private int malformedPages;

    /// <summary>Added to every request.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>While set, every token is answered as expired.</summary>
    public bool TokensExpired { get; set; }

    public void Set(int serverErrors, int concurrencyErrors, int malformedPages)
    {
        Volatile.Write(ref this.serverErrors, serverErrors);
        Volatile.Write(ref this.concurrencyErrors, concurrencyErrors);
        Volatile.Write(ref this.malformedPages, malformedPages);
    }

    public bool TakeServerError() => Take(ref serverErrors);

    public bool TakeConcurrencyError() => Take(ref concurrencyErrors);

    public bool TakeMalformedPage() => Take(ref malformedPages);

    private static bool Take(ref int counter)
    {
        int current;
        do
        {
            current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref counter, current - 1, current) != current);

        return true;
    }
}
