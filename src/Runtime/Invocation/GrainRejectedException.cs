namespace EcomOps.Runtime.Invocation;

internal sealed class GrainRejectedException(RejectionKind kind, string message) : Exception(message)
{
    public RejectionKind Kind { get; } = kind;
}
