namespace EcomOps.Runtime.Invocation;

/// <summary>Why a silo declined a call without running it, so the caller may safely send it again.</summary>
internal enum RejectionKind
{
    /// <summary>Another silo owns the grain, or its activation here is going away.</summary>
    Moved,
    /// <summary>The silo is starting or draining and takes no new activations.</summary>
    Unavailable,
}
