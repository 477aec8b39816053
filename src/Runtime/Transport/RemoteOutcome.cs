namespace EcomOps.Runtime.Transport;

internal enum RemoteOutcome
{
    /// <summary>The call's task is complete (result, grain exception or timeout).</summary>
    Done,
    /// <summary>The silo does not own the grain: send it again with a fresh view.</summary>
    Moved,
    /// <summary>The silo is starting or draining: send it again shortly.</summary>
    Unavailable,
    /// <summary>The silo could not be reached; the request certainly did not run.</summary>
    Unreachable,
}
