using System.Collections.Concurrent;
using EcomOps.Runtime.Invocation;
using EcomOps.Runtime.Membership;
using Microsoft.Extensions.Logging;

namespace EcomOps.Runtime.Activation;

/// <summary>The activations of one silo: creates them on first call, and deactivates them when they idle, when
/// ownership moves to another silo, or when the silo drains.</summary>
internal sealed class Catalog(GrainTypeRegistry registry, GrainActivator activator, ILogger logger)
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> activations = new();
    private volatile bool acceptingActivations;
    private volatile string? fencedReason;

    public ILogger Logger { get; } = logger;

    public GrainActivator Activator { get; } = activator;

    public GrainTypeRegistry Registry { get; } = registry;

    /// <summary>The silo runtime, for grains that call other grains, set reminders or timers.</summary>
    public SiloRuntime Runtime { get; set; } = null!;

    public int Count => activations.Count;

    public void AcceptActivations(bool accept) => acceptingActivations = accept;

    public void Dispatch(GrainRequest request)
    {
        if (fencedReason is not null)
        {
            request.Reject(RejectionKind.Unavailable);
            return;
        }

        if (!activations.TryGetValue(request.Target, out var activation))
        {
            if (!acceptingActivations)
            {
                request.Reject(RejectionKind.Unavailable);
                return;
            }

            if (!Registry.TryGetByType(request.Target.Type, out var classInfo))
            {
                request.Sink.TryFail(new ArgumentException($"No grain class of type '{request.Target.Type}' is hosted by this cluster."));
                return;
            }

            var created = new ActivationData(request.Target, classInfo, this);
            activation = activations.GetOrAdd(request.Target, created);
            if (ReferenceEquals(activation, created))
            {
                created.Start();
            }
        }

        activation.Enqueue(request);
    }

    public void Remove(ActivationData activation) =>
        activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.Id, activation));

    public void OnOwnershipChanged(MembershipView view, SiloAddress self)
    {
        foreach (var activation in activations.Values)
        {
            if (view.Owner(activation.Hash) is { } owner && owner != self)
            {
                activation.RequestDeactivation(DeactivationReason.OwnershipMoved);
            }
        }
    }

    public void CollectIdle(TimeSpan age)
    {
        var ageMs = (long)age.TotalMilliseconds;
        foreach (var activation in activations.Values)
        {
            if (activation.State == ActivationState.Valid && activation.IdleMs > ageMs)
            {
                activation.RequestDeactivation(DeactivationReason.IdleCollection);
            }
        }
    }

    /// <summary>Deactivates every activation, each after its running and queued turns; new activations are refused meanwhile.</summary>
    public async Task DeactivateAllAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        AcceptActivations(false);
        while (!activations.IsEmpty)
        {
            var current = activations.Values.ToList();
            foreach (var activation in current)
            {
                activation.RequestDeactivation(reason);
            }

            await Task.WhenAll(current.Select(a => a.Deactivated)).WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops serving at once: no activation runs another turn or writes state. Used when the silo
    /// crashes or learns it was declared dead. A silo still able to answer sends the calls that were waiting for a
    /// turn back to their callers, which route them to the grains' new owners instead of waiting out their timeouts.</summary>
    public void Fence(string reason, bool sendQueuedCallsBack)
    {
        fencedReason = reason;
        AcceptActivations(false);
        var queued = new List<GrainRequest>();
        foreach (var activation in activations.Values)
        {
            queued.AddRange(activation.Abandon());
        }

        activations.Clear();
        if (sendQueuedCallsBack)
        {
            foreach (var request in queued)
            {
                request.Reject(RejectionKind.Unavailable);
            }
        }
    }

    public void EnsureNotFenced()
    {
        if (fencedReason is { } reason)
        {
            throw new SiloUnavailableException($"This silo no longer serves grains ({reason}); state was not touched.");
        }
    }

    public Dictionary<string, int> CountByGrainType() =>
        activations.Values.GroupBy(a => a.Id.Type).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public bool TryGet(GrainId id, out ActivationData activation) => activations.TryGetValue(id, out activation!);
}
