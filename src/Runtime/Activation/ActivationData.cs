using EcomOps.Runtime.Invocation;
using EcomOps.Runtime.Membership;
using EcomOps.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace EcomOps.Runtime.Activation;

/// <summary>The one live instance of a grain on this silo: its mailbox, its turn discipline and its lifecycle.</summary>
internal sealed class ActivationData
{
    private static readonly TimeSpan LifecycleTimeout = TimeSpan.FromSeconds(30);

    [ThreadStatic]
    private static ActivationData? constructing;

    private readonly Lock gate = new();
    private readonly Queue<object> waiting = new();
    private readonly List<GrainTimer> timers = [];
    private readonly List<IStateBinding> states = [];
    private readonly SendOrPostCallback runRequest;
    private readonly SendOrPostCallback runTimerTick;
    private readonly TaskCompletionSource deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int running;
    private DeactivationReason? pendingDeactivation;
    private long lastActivityMs = Environment.TickCount64;

    public ActivationData(GrainId id, GrainClassInfo classInfo, Catalog catalog)
    {
        Id = id;
        Hash = PlacementHash.Of(id);
        ClassInfo = classInfo;
        Catalog = catalog;
        Scheduler = new ActivationScheduler(e => catalog.Logger.LogError(e, "Unhandled error in activation {Grain}", id));
        runRequest = state => _ = RunRequestAsync((GrainRequest)state!);
        runTimerTick = state => _ = RunTimerTickAsync((GrainTimer)state!);
    }

    public GrainId Id { get; }

    public ulong Hash { get; }

    public GrainClassInfo ClassInfo { get; }

    public Catalog Catalog { get; }

    public ActivationScheduler Scheduler { get; }

    public Grain? Instance { get; private set; }

    public ActivationState State { get; private set; } = ActivationState.Creating;

    public Task Deactivated => deactivated.Task;

    public long IdleMs => Environment.TickCount64 - Volatile.Read(ref lastActivityMs);

    /// <summary>The activation whose grain is being constructed on this thread, for the <see cref="Grain"/> base constructor.</summary>
    internal static ActivationData? Constructing => constructing;

    public void Start() => Scheduler.Post(_ => _ = ActivateAsync(), null);

    public void Enqueue(GrainRequest request)
    {
        var start = false;
        var reject = false;
        lock (gate)
        {
            var reentrantCall = request.Chain is not null && request.Chain.Contains(Id);
            if (State is ActivationState.Deactivating or ActivationState.Invalid || (pendingDeactivation is not null && !reentrantCall))
            {
                reject = true;
            }
            else
            {
                lastActivityMs = Environment.TickCount64;
                if (State == ActivationState.Valid && CanStart(request))
                {
                    running++;
                    start = true;
                }
                else
                {
                    waiting.Enqueue(request);
                }
            }
        }

        if (reject)
        {
            request.Reject(RejectionKind.Moved);
        }
        else if (start)
        {
            Scheduler.PostOrRunInline(runRequest, request);
        }
    }

    public void EnqueueTimerTick(GrainTimer timer)
    {
        var start = false;
        lock (gate)
        {
            if (State is not ActivationState.Valid || pendingDeactivation is not null)
            {
                timer.TickSkipped();
                return;
            }

            if (CanStart(timer))
            {
                running++;
                start = true;
            }
            else
            {
                waiting.Enqueue(timer);
            }
        }

        if (start)
        {
            Scheduler.Post(runTimerTick, timer);
        }
    }

    public void AddTimer(GrainTimer timer)
    {
        lock (gate)
        {
            timers.Add(timer);
        }
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    public void AddState(IStateBinding state) => states.Add(state);

    /// <summary>Asks the activation to go away once its running turns end. Requests already queued still run,
    /// unless the reason is stale state, whose queued requests are sent back to be routed afresh.</summary>
    public void RequestDeactivation(DeactivationReason reason)
    {
        var deactivate = false;
        lock (gate)
        {
            if (State is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return;
            }

            if (pendingDeactivation is null || reason == DeactivationReason.InconsistentState)
            {
                pendingDeactivation = reason;
            }

            if (State == ActivationState.Valid && running == 0 && (waiting.Count == 0 || reason == DeactivationReason.InconsistentState))
            {
                State = ActivationState.Deactivating;
                deactivate = true;
            }
        }

        if (deactivate)
        {
            Scheduler.Post(_ => _ = DeactivateAsync(), null);
        }
    }

    /// <summary>Drops the activation without running anything more: the silo crashed or was declared dead.
    /// Returns the requests that were waiting for a turn; none of them started.</summary>
    public List<GrainRequest> Abandon()
    {
        List<GrainTimer> stopped;
        List<GrainRequest> queued;
        lock (gate)
        {
            State = ActivationState.Invalid;
            stopped = [.. timers];
            timers.Clear();
            queued = [.. waiting.OfType<GrainRequest>()];
            waiting.Clear();
        }

        foreach (var timer in stopped)
        {
            timer.Stop();
        }

        deactivated.TrySetResult();
        return queued;
    }

    internal static T Construct<T>(ActivationData activation, Func<T> constructor)
    {
        var previous = constructing;
        constructing = activation;
        try
        {
            return constructor();
        }
        finally
        {
            constructing = previous;
        }
    }

    private bool CanStart(object turn) =>
        running == 0 || ClassInfo.Reentrant || turn switch
        {
            GrainRequest request => request.Method.AlwaysInterleave || (request.Chain is not null && request.Chain.Contains(Id)),
            GrainTimer timer => timer.Interleave,
            _ => false,
        };

    private async Task ActivateAsync()
    {
        RuntimeContext.Enter(null, new CallChain(Id, null));
        try
        {
            Instance = Catalog.Activator.Create(this);
            using var timeout = new CancellationTokenSource(LifecycleTimeout);
            foreach (var state in states)
            {
                await state.ReadAsync(timeout.Token);
            }

            await Instance.OnActivateAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            Catalog.Logger.LogError(exception, "Activation of grain {Grain} failed", Id);
            List<object> failed;
            lock (gate)
            {
                State = ActivationState.Invalid;
                failed = [.. waiting];
                waiting.Clear();
            }

            Catalog.Remove(this);
            foreach (var request in failed.OfType<GrainRequest>())
            {
                request.Sink.TryFail(exception);
            }

            deactivated.TrySetResult();
            return;
        }

        lock (gate)
        {
            State = ActivationState.Valid;
        }

        OnTurnCompleted(countsAsTurn: false);
    }

    private async Task RunRequestAsync(GrainRequest request)
    {
        try
        {
            if (request.IsExpired)
            {
                request.Sink.TryFail(request.TimeoutError("before the grain could start it"));
                return;
            }

            RuntimeContext.Enter(request.Context, new CallChain(Id, request.Chain));
            var method = request.Method;
            var arguments = request.Arguments;
            if (request.CopyAcrossBoundary && method.CopyAnyArgument)
            {
                arguments = CopyArguments(method, arguments);
            }

            var result = await method.Invoke(Instance!, arguments);
            if (request.CopyAcrossBoundary && method.CopyResult)
            {
                result = Copier.Copy(result, method.ResultType);
            }

            CompleteOutsideActivation(request.Sink, result, null);
        }
        catch (Exception exception)
        {
            if (exception is InconsistentStateException)
            {
                RequestDeactivation(DeactivationReason.InconsistentState);
            }

            CompleteOutsideActivation(request.Sink, null, exception);
        }
        finally
        {
            OnTurnCompleted(countsAsTurn: true);
        }
    }

    private async Task RunTimerTickAsync(GrainTimer timer)
    {
        try
        {
            RuntimeContext.Enter(null, new CallChain(Id, null));
            await timer.InvokeCallbackAsync();
        }
        finally
        {
            OnTurnCompleted(countsAsTurn: true);
        }
    }

    private void OnTurnCompleted(bool countsAsTurn)
    {
        List<object>? toStart = null;
        var deactivate = false;
        lock (gate)
        {
            if (countsAsTurn)
            {
                running--;
            }

            while (State == ActivationState.Valid && waiting.Count > 0 && CanStart(waiting.Peek())
                   && pendingDeactivation != DeactivationReason.InconsistentState)
            {
                running++;
                (toStart ??= []).Add(waiting.Dequeue());
            }

            if (State == ActivationState.Valid && pendingDeactivation is { } reason && running == 0
                && (waiting.Count == 0 || reason == DeactivationReason.InconsistentState))
            {
                State = ActivationState.Deactivating;
                deactivate = true;
            }
        }

        if (toStart is not null)
        {
            foreach (var turn in toStart)
            {
                Scheduler.Post(turn is GrainRequest ? runRequest : runTimerTick, turn);
            }
        }

        if (deactivate)
        {
            Scheduler.Post(_ => _ = DeactivateAsync(), null);
        }
    }

    private async Task DeactivateAsync()
    {
        RuntimeContext.Enter(null, new CallChain(Id, null));
        var reason = pendingDeactivation ?? DeactivationReason.ApplicationRequested;
        List<GrainTimer> stopped;
        lock (gate)
        {
            stopped = [.. timers];
            timers.Clear();
        }

        foreach (var timer in stopped)
        {
            timer.Stop();
        }

        try
        {
            using var timeout = new CancellationTokenSource(LifecycleTimeout);
            await Instance!.OnDeactivateAsync(reason, timeout.Token);
        }
        catch (Exception exception)
        {
            Catalog.Logger.LogWarning(exception, "OnDeactivateAsync of grain {Grain} failed ({Reason})", Id, reason);
        }

        List<object> leftovers;
        lock (gate)
        {
            State = ActivationState.Invalid;
            leftovers = [.. waiting];
            waiting.Clear();
        }

        Catalog.Remove(this);
        foreach (var request in leftovers.OfType<GrainRequest>())
        {
            request.Reject(RejectionKind.Moved);
        }

        deactivated.TrySetResult();
    }

    private static object?[] CopyArguments(MethodDescriptor method, object?[] arguments)
    {
        var copy = new object?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            copy[i] = method.CopyArguments[i] ? Copier.Copy(arguments[i], method.ParameterTypes[i]) : arguments[i];
        }

        return copy;
    }

    /// <summary>Completes a caller's task with no synchronization context in force, so a caller outside any grain
    /// that continues inline never captures this activation's scheduler.</summary>
    private static void CompleteOutsideActivation(IResponseSink sink, object? result, Exception? exception)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            if (exception is null)
            {
                sink.TryComplete(result);
            }
            else
            {
                sink.TryFail(exception);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }
}
