using System.Text.Json;
using EcomOps.Runtime.Activation;
using EcomOps.Runtime.Invocation;

namespace EcomOps.Runtime.Persistence;

internal sealed class PersistentState<TState>(string stateName, IGrainStorage storage, ActivationData activation)
    : IPersistentState<TState>, IStateBinding where TState : new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        activation.Catalog.EnsureNotFenced();
        var stored = await storage.ReadAsync(activation.Id, stateName, cancellationToken);
        State = stored.Payload is null ? new TState() : JsonSerializer.Deserialize<TState>(stored.Payload, RuntimeJson.Options) ?? new TState();
        Etag = stored.Etag;
        RecordExists = stored.Payload is not null;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        activation.Catalog.EnsureNotFenced();
        var payload = JsonSerializer.Serialize(State, RuntimeJson.Options);
        try
        {
            Etag = await storage.WriteAsync(activation.Id, stateName, payload, Etag, cancellationToken);
            RecordExists = true;
        }
        catch (InconsistentStateException)
        {
            activation.RequestDeactivation(DeactivationReason.InconsistentState);
            throw;
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        activation.Catalog.EnsureNotFenced();
        try
        {
            Etag = await storage.ClearAsync(activation.Id, stateName, Etag, cancellationToken);
            State = new TState();
            RecordExists = false;
        }
        catch (InconsistentStateException)
        {
            activation.RequestDeactivation(DeactivationReason.InconsistentState);
            throw;
        }
    }

    Task IStateBinding.ReadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);
}
