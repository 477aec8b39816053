using EcomOps.Runtime.Membership;
using EcomOps.Runtime.Transport;
using Microsoft.Extensions.Logging;

namespace EcomOps.Runtime.Invocation;

/// <summary>The outbound half of the runtime, shared by silos and clients: turns a proxy call into a request,
/// places it on the owning silo, and sends it again when a silo answers that it did not run it.</summary>
internal abstract class GrainCallRouter : IGrainFactory
{
    private readonly Action<GrainRequest, RejectionKind> retry;

    protected GrainCallRouter(
        MembershipViewSource membership,
        RemoteSiloClient remote,
        CallTracker tracker,
        TimeSpan defaultResponseTimeout,
        ILogger logger)
    {
        Membership = membership;
        Remote = remote;
        Tracker = tracker;
        DefaultResponseTimeout = defaultResponseTimeout;
        Logger = logger;
        retry = Retry;
        membership.Changed += view => remote.Retain(view.Silos.Where(s => s.Status != SiloStatus.Dead).Select(s => s.Address).ToList());
    }

    protected MembershipViewSource Membership { get; }

    protected RemoteSiloClient Remote { get; }

    protected CallTracker Tracker { get; }

    protected TimeSpan DefaultResponseTimeout { get; }

    protected ILogger Logger { get; }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey =>
        GrainReference.Create<TGrainInterface>(this, primaryKey);

    public object Invoke(Type interfaceType, string key, MethodDescriptor method, object?[] arguments)
    {
        var sink = method.CreateSink();
        var chain = RuntimeContext.CurrentChain;
        var context = RequestContext.Export();
        if (chain is null && (context is null || !context.ContainsKey(RequestContext.CorrelationIdKey)))
        {
            // A call entering the cluster from outside a grain starts a new correlation when none is set.
            context = WithCorrelationId(context);
        }

        var request = new GrainRequest(interfaceType, key, method, arguments, sink, context, chain, method.Timeout ?? DefaultResponseTimeout)
        {
            OnRejected = retry,
        };
        Tracker.Track(request);
        Send(request);
        return method.ToReturnValue(sink);
    }

    /// <summary>Calls a grain by id from inside the runtime (reminder ticks), with the same routing and retries.</summary>
    internal Task<object?> InvokeSystemAsync(GrainId target, Type interfaceType, MethodDescriptor method, object?[] arguments, TimeSpan timeout)
    {
        var sink = method.CreateSink();
        var request = new GrainRequest(interfaceType, target.Key, method, arguments, sink, WithCorrelationId(null), null, timeout)
        {
            Target = target,
            TargetHash = PlacementHash.Of(target),
            OnRejected = retry,
        };
        Tracker.Track(request);
        Send(request);
        return Completion(sink);

        static async Task<object?> Completion(IResponseSink sink)
        {
            await sink.Task.ConfigureAwait(false);
            return sink.Result;
        }
    }

    protected abstract bool TryResolveGrainType(Type interfaceType, out string grainType);

    protected virtual Task ResolveGrainTypeAsync(Type interfaceType, CancellationToken cancellationToken) =>
        Task.FromException(new ArgumentException($"{interfaceType.Name} is not implemented by any grain class known to this silo."));

    protected abstract bool IsLocal(SiloAddress owner);

    protected virtual void DispatchLocal(GrainRequest request) =>
        throw new InvalidOperationException("A cluster client has no local activations.");

    private void Send(GrainRequest request)
    {
        if (request.Target.Type is null)
        {
            if (!TryResolveGrainType(request.InterfaceType, out var grainType))
            {
                _ = ResolveThenSendAsync(request);
                return;
            }

            request.Target = new GrainId(grainType, request.Key);
            request.TargetHash = PlacementHash.Of(request.Target);
        }

        var owner = Membership.Current.Owner(request.TargetHash);
        if (owner is null)
        {
            _ = SendWithoutOwnerAsync(request);
        }
        else if (IsLocal(owner))
        {
            request.CopyAcrossBoundary = true;
            DispatchLocal(request);
        }
        else
        {
            Remote.Send(owner, request);
        }
    }

    private async Task ResolveThenSendAsync(GrainRequest request)
    {
        try
        {
            await ResolveGrainTypeAsync(request.InterfaceType, CancellationToken.None).ConfigureAwait(false);
            if (!TryResolveGrainType(request.InterfaceType, out _))
            {
                throw new ArgumentException($"No grain class in cluster '{Membership.ClusterId}' implements {request.InterfaceType.FullName}.");
            }
        }
        catch (Exception exception)
        {
            request.Sink.TryFail(exception);
            return;
        }

        Send(request);
    }

    private async Task SendWithoutOwnerAsync(GrainRequest request)
    {
        await Membership.RefreshAsync(CancellationToken.None).ConfigureAwait(false);
        if (Membership.Current.Owner(request.TargetHash) is null)
        {
            request.Sink.TryFail(new SiloUnavailableException(
                $"No active silo in cluster '{Membership.ClusterId}' to run {request.Method.DisplayName} on grain {request.Target}. Start a silo, or check that the client and silos share the cluster id and database."));
            return;
        }

        Send(request);
    }

    private void Retry(GrainRequest request, RejectionKind kind)
    {
        if (request.Sink.Task.IsCompleted)
        {
            return;
        }

        if (request.IsExpired)
        {
            request.Sink.TryFail(request.TimeoutError("while its silo was unavailable or moving it"));
            return;
        }

        request.Attempts++;
        _ = RetryAsync(request);
    }

    private async Task RetryAsync(GrainRequest request)
    {
        // The first retry after "moved" goes at once with a fresh view: ownership usually just changed.
        // Later ones back off while a silo drains or a dead one waits to be declared dead.
        await Membership.RefreshAsync(CancellationToken.None).ConfigureAwait(false);
        if (request.Attempts > 1)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5 << Math.Min(request.Attempts, 6), 200))).ConfigureAwait(false);
        }

        Send(request);
    }

    private static Dictionary<string, string> WithCorrelationId(IReadOnlyDictionary<string, string>? context)
    {
        var values = context is null ? new Dictionary<string, string>(1) : new Dictionary<string, string>(context);
        values[RequestContext.CorrelationIdKey] = Guid.NewGuid().ToString("N");
        return values;
    }
}
