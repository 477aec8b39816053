using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using EcomOps.Runtime.Invocation;
using Microsoft.Extensions.Logging;

namespace EcomOps.Runtime.Transport;

/// <summary>One long-lived HTTP/2 request to a silo carrying many calls both ways, matched by call id. When it
/// breaks, calls that never left are sent again elsewhere; calls that left fail, since they may have run.</summary>
internal sealed class CallStream
{
    private readonly Channel<OutgoingCall> outgoing = Channel.CreateUnbounded<OutgoingCall>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<ulong, OutgoingCall> pending = new();
    private readonly SiloAddress target;
    private readonly ILogger logger;
    private long nextId;
    private volatile bool closed;

    public CallStream(HttpClient http, SiloAddress target, string token, ILogger logger)
    {
        this.target = target;
        this.logger = logger;
        _ = RunAsync(http, token);
    }

    /// <summary>True once the stream takes no more calls (broken, or the silo said it is leaving).</summary>
    public bool IsClosed => closed;

    /// <summary>Queues the call; false when the stream is closed and the call must go another way.</summary>
    public bool TrySend(GrainRequest request, long remainingMs)
    {
        if (closed)
        {
            return false;
        }

        byte[] envelope;
        try
        {
            envelope = WireFormat.WriteRequest(request, remainingMs);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            request.Sink.TryFail(new ArgumentException($"Arguments of {request.Method.DisplayName} cannot be serialized: {exception.Message}", exception));
            return true;
        }

        var call = new OutgoingCall((ulong)Interlocked.Increment(ref nextId), request, envelope);
        pending[call.Id] = call;
        if (!outgoing.Writer.TryWrite(call))
        {
            pending.TryRemove(call.Id, out _);
            return false;
        }

        // Closed between the check and the write: the closing sweep may have missed this call.
        if (closed && call.TryWithdraw())
        {
            pending.TryRemove(call.Id, out _);
            return false;
        }

        return true;
    }

    private async Task RunAsync(HttpClient http, string token)
    {
        Exception? failure = null;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, target.StreamUri)
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new CallStreamContent(outgoing.Reader, () => closed),
            };
            message.Headers.TryAddWithoutValidation(ClusterAuthenticator.HeaderName, token);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                failure = RemoteSiloClient.RefusedCredentials(target);
                return;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                failure = new SiloUnavailableException($"Silo {target} refused a call stream: HTTP {(int)response.StatusCode}.");
                return;
            }

            await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            await ReadResponsesAsync(PipeReader.Create(body)).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "Call stream to silo {Silo} ended", target);
            failure = exception;
        }
        finally
        {
            Close(failure);
        }
    }

    private async Task ReadResponsesAsync(PipeReader reader)
    {
        while (true)
        {
            var read = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = read.Buffer;
            while (Frames.TryRead(ref buffer, out var id, out var body))
            {
                var status = (FrameStatus)body.FirstSpan[0];
                var payload = body.Slice(1);
                if (status == FrameStatus.GoAway)
                {
                    StopSending();
                }
                else if (pending.TryRemove(id, out var call))
                {
                    Complete(call.Request, status, payload);
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                await reader.CompleteAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    private void Complete(GrainRequest request, FrameStatus status, ReadOnlySequence<byte> payload)
    {
        switch (status)
        {
            case FrameStatus.Ok:
                try
                {
                    request.Sink.TryComplete(WireFormat.ReadResult(request.Method, payload));
                }
                catch (JsonException exception)
                {
                    request.Sink.TryFail(new GrainCallException(typeof(JsonException).FullName!, $"The result of {request.Method.DisplayName} could not be read: {exception.Message}"));
                }

                break;
            case FrameStatus.Exception:
                request.Sink.TryFail(WireFormat.ReadException(payload));
                break;
            case FrameStatus.Moved:
                request.Reject(RejectionKind.Moved);
                break;
            case FrameStatus.Unavailable:
                request.Reject(RejectionKind.Unavailable);
                break;
            case FrameStatus.Timeout:
                request.Sink.TryFail(request.TimeoutError($"(silo {target})"));
                break;
            default:
                request.Sink.TryFail(new GrainCallException("BadRequest", $"Silo {target} refused {request.Method.DisplayName}: {Encoding.UTF8.GetString(payload)}"));
                break;
        }
    }

    /// <summary>The silo is leaving: end the request body so it sees every call we sent, and send the rest elsewhere.</summary>
    public void StopSending()
    {
        closed = true;
        outgoing.Writer.TryComplete();
    }

    private void Close(Exception? failure)
    {
        StopSending();
        var refused = failure is UnauthorizedAccessException;
        var neverConnected = failure is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
        foreach (var id in pending.Keys)
        {
            if (!pending.TryRemove(id, out var call))
            {
                continue;
            }

            if (refused)
            {
                call.Request.Sink.TryFail(failure!);
            }
            else if (call.TryWithdraw() || neverConnected)
            {
                call.Request.Reject(RejectionKind.Unavailable);
            }
            else
            {
                call.Request.Sink.TryFail(new SiloUnavailableException(
                    $"Lost the connection to silo {target} during {call.Request.Method.DisplayName} on grain {call.Request.Target}; the call may or may not have run ({failure?.Message ?? "the stream ended"})."));
            }
        }
    }
}
