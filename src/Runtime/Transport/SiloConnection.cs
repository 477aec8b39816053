using Microsoft.Extensions.Logging;

namespace EcomOps.Runtime.Transport;

/// <summary>The call streams to one silo; calls are spread over them, and a closed stream is replaced on next use.</summary>
internal sealed class SiloConnection(HttpClient http, SiloAddress target, string token, ILogger logger)
{
    private readonly CallStream?[] streams = new CallStream?[Math.Clamp(Environment.ProcessorCount, 2, 8)];
    private int next;

    public bool TrySend(Invocation.GrainRequest request, long remainingMs)
    {
        var slot = (int)((uint)Interlocked.Increment(ref next) % (uint)streams.Length);
        var stream = Volatile.Read(ref streams[slot]);
        if (stream is null || stream.IsClosed)
        {
            var fresh = new CallStream(http, target, token, logger);
            stream = Interlocked.CompareExchange(ref streams[slot], fresh, stream) == stream ? fresh : Volatile.Read(ref streams[slot])!;
        }

        return stream.TrySend(request, remainingMs);
    }

    /// <summary>Ends every stream: each finishes the calls it sent, then closes.</summary>
    public void Close()
    {
        foreach (var stream in streams)
        {
            stream?.StopSending();
        }
    }
}
