namespace EcomOps.Runtime;

/// <summary>State of a grain kept in storage, injected into the grain's constructor with
/// <see cref="PersistentStateAttribute"/> and loaded before <c>OnActivateAsync</c>.</summary>
public interface IPersistentState<TState> where TState : new()
{
    TState State { get; set; }

    /// <summary>The version of the stored record this activation last read or wrote; null when none exists.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state when the stored etag still equals <see cref="Etag"/>; otherwise throws
    /// <see cref="InconsistentStateException"/> and the activation deactivates.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
