using EcomOps.Runtime.Invocation;

namespace EcomOps.Runtime.Transport;

/// <summary>A grain call as read off the wire.</summary>
internal sealed record IncomingCall(
    GrainId Target,
    MethodDescriptor Method,
    object?[] Arguments,
    IReadOnlyDictionary<string, string>? Context,
    CallChain? Chain,
    TimeSpan Timeout);
