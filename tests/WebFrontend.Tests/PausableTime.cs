namespace EcomOps.WebFrontend.Tests;

/// <summary>The system clock, except that a test can hold its timestamps still for a while: a token bucket then
/// refills nothing, however slowly a loaded machine sends the requests.</summary>
public sealed class PausableTime : TimeProvider
{
    // Zero when not held: system timestamps are never zero.
    private long heldAt;

    public override long GetTimestamp() => Interlocked.Read(ref heldAt) is var held and not 0 ? held : System.GetTimestamp();

    /// <summary>Holds the timestamps still until the returned scope is disposed.</summary>
    public IDisposable Hold()
    {
        Interlocked.Exchange(ref heldAt, System.GetTimestamp());
        return new Release(this);
    }

    private sealed class Release(PausableTime time) : IDisposable
    {
        public void Dispose() => Interlocked.Exchange(ref time.heldAt, 0);
    }
}
