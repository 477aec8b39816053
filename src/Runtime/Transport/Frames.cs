using System.Buffers;
using System.Buffers.Binary;

namespace EcomOps.Runtime.Transport;

/// <summary>Framing of the call streams. A request frame is [length u32][call id u64][envelope]; a response frame is
/// [length u32][call id u64][status u8][payload]. Lengths count what follows them and are big-endian.</summary>
internal static class Frames
{
    public const int MaxFrameLength = 16 * 1024 * 1024;
    public const int RequestHeaderLength = 12;
    public const int ResponseHeaderLength = 13;

    public static void WriteRequest(IBufferWriter<byte> output, ulong callId, ReadOnlySpan<byte> envelope)
    {
        var span = output.GetSpan(RequestHeaderLength + envelope.Length);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)(8 + envelope.Length));
        BinaryPrimitives.WriteUInt64BigEndian(span[4..], callId);
        envelope.CopyTo(span[RequestHeaderLength..]);
        output.Advance(RequestHeaderLength + envelope.Length);
    }

    public static void WriteResponse(IBufferWriter<byte> output, ulong callId, FrameStatus status, ReadOnlySpan<byte> payload)
    {
        var span = output.GetSpan(ResponseHeaderLength + payload.Length);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)(9 + payload.Length));
        BinaryPrimitives.WriteUInt64BigEndian(span[4..], callId);
        span[12] = (byte)status;
        payload.CopyTo(span[ResponseHeaderLength..]);
        output.Advance(ResponseHeaderLength + payload.Length);
    }

    /// <summary>Takes one whole frame off the front of <paramref name="buffer"/>: its call id and the bytes after the id.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ulong callId, out ReadOnlySequence<byte> body)
    {
        callId = 0;
        body = default;
        if (buffer.Length < RequestHeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[RequestHeaderLength];
        buffer.Slice(0, RequestHeaderLength).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length < 8 || length > MaxFrameLength)
        {
            throw new InvalidDataException($"A call stream frame of {length} bytes is outside the allowed 8 to {MaxFrameLength}.");
        }

        if (buffer.Length < 4 + length)
        {
            return false;
        }

        callId = BinaryPrimitives.ReadUInt64BigEndian(header[4..]);
        body = buffer.Slice(RequestHeaderLength, length - 8);
        buffer = buffer.Slice(4 + length);
        return true;
    }
}
