namespace EcomOps.Runtime.Invocation;

/// <summary>One grain call in flight: target, method, arguments, ambient context and where its outcome goes.</summary>
internal sealed class GrainRequest(
    Type interfaceType,
    string key,
    MethodDescriptor method,
    object?[] arguments,
    IResponseSink sink,
    IReadOnlyDictionary<string, string>? context,
    CallChain? chain,
    TimeSpan timeout)
{
    public Type InterfaceType { get; } = interfaceType;

    public string Key { get; } = key;

    /// <summary>Set once the interface is resolved to its grain type.</summary>
    public GrainId Target { get; set; }

    public ulong TargetHash { get; set; }

    public MethodDescriptor Method { get; } = method;

    public object?[] Arguments { get; set; } = arguments;

    public IResponseSink Sink { get; } = sink;

    public IReadOnlyDictionary<string, string>? Context { get; } = context;

    public CallChain? Chain { get; } = chain;

    public TimeSpan Timeout { get; } = timeout;

    public long DeadlineMs { get; } = Environment.TickCount64 + (long)timeout.TotalMilliseconds;

    /// <summary>True when caller and callee share a process, so arguments and results must be copied.</summary>
    public bool CopyAcrossBoundary { get; set; }

    /// <summary>Called when the target could not take the request (moved, draining); null means fail the sink.</summary>
    public Action<GrainRequest, RejectionKind>? OnRejected { get; set; }

    public int Attempts { get; set; }

    public bool IsExpired => Environment.TickCount64 > DeadlineMs;

    public void Reject(RejectionKind kind)
    {
        if (OnRejected is { } onRejected)
        {
            onRejected(this, kind);
        }
        else
        {
            Sink.TryFail(new GrainRejectedException(kind, $"Grain {Target} could not take the call {Method.DisplayName}: {kind}."));
        }
    }

    public TimeoutException TimeoutError(string? where) =>
        new($"Response did not arrive on time in {Timeout} for call {Method.DisplayName} on grain {Target}{(where is null ? "" : " " + where)}.");
}
