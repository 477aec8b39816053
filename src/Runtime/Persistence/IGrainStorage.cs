namespace EcomOps.Runtime.Persistence;

/// <summary>Reads and writes grain state records with optimistic concurrency on an etag.</summary>
public interface IGrainStorage
{
    Task<StoredState> ReadAsync(GrainId grain, string stateName, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="payload"/> when the stored etag equals <paramref name="expectedEtag"/>
    /// (null: no record yet) and returns the new etag; throws <see cref="InconsistentStateException"/> otherwise.</summary>
    Task<string> WriteAsync(GrainId grain, string stateName, string payload, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>Empties the record (kept, with a new etag, so a stale writer still conflicts) and returns the new etag.</summary>
    Task<string?> ClearAsync(GrainId grain, string stateName, string? expectedEtag, CancellationToken cancellationToken);
}
