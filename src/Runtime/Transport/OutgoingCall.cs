using EcomOps.Runtime.Invocation;

namespace EcomOps.Runtime.Transport;

/// <summary>A call on a stream: its frame, and whether it left this process (from then on it may have run) or was
/// withdrawn to go another way. The two are exclusive, so a call is never both sent and retried.</summary>
internal sealed class OutgoingCall(ulong id, GrainRequest request, byte[] envelope)
{
    private const int Queued = 0;
    private const int Sent = 1;
    private const int Withdrawn = 2;

    private int state;

    public ulong Id { get; } = id;

    public GrainRequest Request { get; } = request;

    public byte[] Envelope { get; } = envelope;

    public bool TryMarkSent() => Interlocked.CompareExchange(ref state, Sent, Queued) == Queued;

    public bool TryWithdraw() => Interlocked.CompareExchange(ref state, Withdrawn, Queued) == Queued;
}
