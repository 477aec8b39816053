using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using EcomOps.Runtime.Activation;
using EcomOps.Runtime.Hosting;
using EcomOps.Runtime.Invocation;
using EcomOps.Runtime.Membership;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace EcomOps.Runtime.Transport;

/// <summary>The silo's end of a call stream: reads request frames, dispatches each call as it arrives, and writes
/// each response as it completes, batching writes. When the silo leaves it says so (go-away), answers every call
/// still arriving with "unavailable" so the caller sends it elsewhere, and ends the stream once the caller has.</summary>
internal sealed class CallStreamHandler(Catalog catalog, SiloRuntime runtime, MembershipViewSource membership, SiloLifecycle lifecycle)
{
    private static readonly byte[] Empty = [];

    public async Task HandleAsync(HttpContext context)
    {
        // A call stream lives as long as the connection: no body size cap, no minimum data rate while idle.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRequestRate)
        {
            minRequestRate.MinDataRate = null;
        }

        if (context.Features.Get<IHttpMinResponseDataRateFeature>() is { } minResponseRate)
        {
            minResponseRate.MinDataRate = null;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/octet-stream";
        await context.Response.StartAsync(context.RequestAborted);

        var responses = Channel.CreateUnbounded<(ulong Id, FrameStatus Status, byte[] Payload)>(new UnboundedChannelOptions { SingleReader = true });
        var writer = WriteResponsesAsync(context.Response.BodyWriter, responses.Reader, context.RequestAborted);
        var outstanding = new Outstanding();
        using (lifecycle.Leaving.Register(() => responses.Writer.TryWrite((0, FrameStatus.GoAway, Empty))))
        {
            try
            {
                await ReadRequestsAsync(context, responses.Writer, outstanding);
                await outstanding.AllDoneAsync();
            }
            finally
            {
                responses.Writer.TryComplete();
            }
        }

        await writer;
    }

    private async Task ReadRequestsAsync(HttpContext context, ChannelWriter<(ulong, FrameStatus, byte[])> responses, Outstanding outstanding)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            var buffer = read.Buffer;
            while (Frames.TryRead(ref buffer, out var id, out var body))
            {
                Dispatch(id, body, responses, outstanding);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }

    private void Dispatch(ulong id, ReadOnlySequence<byte> body, ChannelWriter<(ulong, FrameStatus, byte[])> responses, Outstanding outstanding)
    {
        IncomingCall call;
        try
        {
            call = WireFormat.ReadRequest(body, FindMethod);
        }
        catch (JsonException exception)
        {
            responses.TryWrite((id, FrameStatus.BadRequest, Encoding.UTF8.GetBytes($"Malformed grain call: {exception.Message}")));
            return;
        }

        if (!lifecycle.IsServing || lifecycle.Leaving.IsCancellationRequested)
        {
            responses.TryWrite((id, FrameStatus.Unavailable, Empty));
            return;
        }

        var hash = PlacementHash.Of(call.Target);
        if (membership.Current.Owner(hash) != runtime.Self)
        {
            responses.TryWrite((id, FrameStatus.Moved, Empty));
            return;
        }

        var method = call.Method;
        var sink = method.CreateSink();
        var request = new GrainRequest(method.InterfaceType, call.Target.Key, method, call.Arguments, sink, call.Context, call.Chain, call.Timeout)
        {
            Target = call.Target,
            TargetHash = hash,
        };
        catalog.Dispatch(request);
        if (sink.Task.IsCompleted)
        {
            responses.TryWrite(Response(id, request));
        }
        else
        {
            outstanding.Add();
            _ = RespondWhenDoneAsync(id, request, responses, outstanding);
        }
    }

    private static async Task RespondWhenDoneAsync(ulong id, GrainRequest request, ChannelWriter<(ulong, FrameStatus, byte[])> responses, Outstanding outstanding)
    {
        try
        {
            await ((Task)request.Sink.Task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            responses.TryWrite(Response(id, request));
        }
        finally
        {
            outstanding.Done();
        }
    }

    private static (ulong, FrameStatus, byte[]) Response(ulong id, GrainRequest request)
    {
        var task = request.Sink.Task;
        if (task.IsCompletedSuccessfully)
        {
            return (id, FrameStatus.Ok, WireFormat.WriteResult(request.Method, request.Sink.Result));
        }

        var exception = task.Exception!.InnerException!;
        return exception switch
        {
            GrainRejectedException { Kind: RejectionKind.Moved } => (id, FrameStatus.Moved, Empty),
            GrainRejectedException => (id, FrameStatus.Unavailable, Empty),
            TimeoutException when request.IsExpired => (id, FrameStatus.Timeout, Empty),
            _ => (id, FrameStatus.Exception, WireFormat.WriteException(exception)),
        };
    }

    private static async Task WriteResponsesAsync(System.IO.Pipelines.PipeWriter output, ChannelReader<(ulong Id, FrameStatus Status, byte[] Payload)> responses, CancellationToken cancellationToken)
    {
        while (await responses.WaitToReadAsync(cancellationToken))
        {
            while (responses.TryRead(out var response))
            {
                Frames.WriteResponse(output, response.Id, response.Status, response.Payload);
            }

            await output.FlushAsync(cancellationToken);
        }
    }

    private MethodDescriptor? FindMethod(string wireName) => catalog.Registry.TryGetMethod(wireName, out var method) ? method : null;

    /// <summary>Counts calls still running so the stream ends only after their answers are written.</summary>
    private sealed class Outstanding
    {
        private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int count = 1;

        public void Add() => Interlocked.Increment(ref count);

        public void Done()
        {
            if (Interlocked.Decrement(ref count) == 0)
            {
                drained.TrySetResult();
            }
        }

        public Task AllDoneAsync()
        {
            Done();
            return drained.Task;
        }
    }
}
