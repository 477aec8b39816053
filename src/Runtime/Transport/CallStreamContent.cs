using System.Buffers;
using System.Net;
using System.Threading.Channels;

namespace EcomOps.Runtime.Transport;

/// <summary>The request body of a call stream: frames as they are queued, as many per write as are waiting,
/// one flush per batch. It ends when the stream stops taking calls.</summary>
internal sealed class CallStreamContent(ChannelReader<OutgoingCall> calls, Func<bool> isClosed) : HttpContent
{
    private const int BatchBytes = 64 * 1024;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(BatchBytes);
        while (await calls.WaitToReadAsync(cancellationToken).ConfigureAwait(false) && !isClosed())
        {
            while (buffer.WrittenCount < BatchBytes && calls.TryRead(out var call))
            {
                if (call.TryMarkSent())
                {
                    Frames.WriteRequest(buffer, call.Id, call.Envelope);
                }
            }

            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            buffer.ResetWrittenCount();
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
