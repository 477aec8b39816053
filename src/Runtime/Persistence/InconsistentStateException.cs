namespace EcomOps.Runtime;

/// <summary>A write found a different version in storage than the one the activation read: another activation
/// wrote newer state. The activation that hit it deactivates so it can never overwrite that state.</summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string message) : base(message)
    {
    }

    public InconsistentStateException(string message, string? storedEtag, string? currentEtag) : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The etag now in storage (null when the record is gone).</summary>
    public string? StoredEtag { get; }

    /// <summary>The etag the activation held.</summary>
    public string? CurrentEtag { get; }
}
