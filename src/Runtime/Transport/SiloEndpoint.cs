using System.Buffers;
using System.Text.Json;
using EcomOps.Runtime.Activation;
using EcomOps.Runtime.Invocation;
using EcomOps.Runtime.Management;
using EcomOps.Runtime.Hosting;
using EcomOps.Runtime.Membership;
using Microsoft.AspNetCore.Http;

namespace EcomOps.Runtime.Transport;

/// <summary>What the internal endpoint answers: grain calls and cluster data for members holding the secret,
/// health for anyone.</summary>
internal sealed class SiloEndpoint(
    ClusterAuthenticator authenticator,
    Catalog catalog,
    SiloRuntime runtime,
    MembershipViewSource membership,
    SiloLifecycle lifecycle)
{
    public Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path == "/health/live")
        {
            return WriteTextAsync(context, StatusCodes.Status200OK, "live");
        }

        if (path == "/health/ready")
        {
            return lifecycle.IsServing
                ? WriteTextAsync(context, StatusCodes.Status200OK, "ready")
                : WriteTextAsync(context, StatusCodes.Status503ServiceUnavailable, lifecycle.Status.ToString());
        }

        if (!authenticator.IsValid(context.Request.Headers[ClusterAuthenticator.HeaderName]))
        {
            return WriteTextAsync(context, StatusCodes.Status401Unauthorized, "This endpoint serves members of the cluster only.");
        }

        return (path, context.Request.Method) switch
        {
            ("/rt/call", "POST") => HandleCallAsync(context),
            ("/rt/manifest", "GET") => WriteJsonAsync(context, catalog.Registry.Manifest),
            ("/rt/stats", "GET") => WriteJsonAsync(context, catalog.CountByGrainType()),
            ("/cluster", "GET") => HandleClusterAsync(context),
            _ => WriteTextAsync(context, StatusCodes.Status404NotFound, "Not found."),
        };
    }

    private async Task HandleCallAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        string grainType = headers[WireHeaders.GrainType].ToString();
        string key = Uri.UnescapeDataString(headers[WireHeaders.GrainKey].ToString());
        if (grainType.Length == 0 || !catalog.Registry.TryGetMethod(headers[WireHeaders.Method].ToString(), out var method))
        {
            await WriteTextAsync(context, StatusCodes.Status400BadRequest, $"Unknown grain method '{headers[WireHeaders.Method]}' or missing grain type.");
            return;
        }

        if (!lifecycle.IsServing)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, WireHeaders.ErrorUnavailable);
            return;
        }

        var target = new GrainId(grainType, key);
        var hash = PlacementHash.Of(target);
        if (membership.Current.Owner(hash) != runtime.Self)
        {
            await WriteErrorAsync(context, StatusCodes.Status409Conflict, WireHeaders.ErrorMoved);
            return;
        }

        object?[] arguments;
        try
        {
            arguments = await ReadArgumentsAsync(context, method);
        }
        catch (JsonException exception)
        {
            await WriteTextAsync(context, StatusCodes.Status400BadRequest, $"Bad arguments for {method.DisplayName}: {exception.Message}");
            return;
        }

        var timeoutMs = long.TryParse(headers[WireHeaders.TimeoutMs], out var ms) && ms > 0 ? ms : 30_000;
        var requestContext = headers.TryGetValue(WireHeaders.Context, out var encodedContext) ? WireHeaders.DecodeContext(encodedContext.ToString()) : null;
        var chain = headers.TryGetValue(WireHeaders.Chain, out var encodedChain) ? WireHeaders.DecodeChain(encodedChain.ToString()) : null;
        var sink = method.CreateSink();
        var request = new GrainRequest(method.InterfaceType, key, method, arguments, sink, requestContext, chain, TimeSpan.FromMilliseconds(timeoutMs))
        {
            Target = target,
            TargetHash = hash,
        };
        catalog.Dispatch(request);
        try
        {
            await sink.Task.WaitAsync(context.RequestAborted);
        }
        catch (GrainRejectedException rejected)
        {
            await WriteErrorAsync(context, rejected.Kind == RejectionKind.Moved ? StatusCodes.Status409Conflict : StatusCodes.Status503ServiceUnavailable,
                rejected.Kind == RejectionKind.Moved ? WireHeaders.ErrorMoved : WireHeaders.ErrorUnavailable);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (TimeoutException) when (request.IsExpired)
        {
            await WriteErrorAsync(context, StatusCodes.Status504GatewayTimeout, WireHeaders.ErrorTimeout);
            return;
        }
        catch (Exception exception)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.Headers[WireHeaders.Error] = WireHeaders.ErrorException;
            await WriteBytesAsync(context, WireFormat.WriteException(exception));
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        await WriteBytesAsync(context, WireFormat.WriteResult(method, sink.Result));
    }

    private async Task HandleClusterAsync(HttpContext context)
    {
        var snapshot = await runtime.GetGrain<IManagementGrain>(ManagementGrain.Key).GetClusterSnapshotAsync();
        await WriteJsonAsync(context, snapshot);
    }

    private static async Task<object?[]> ReadArgumentsAsync(HttpContext context, MethodDescriptor method)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            if (read.IsCompleted)
            {
                try
                {
                    return WireFormat.ReadArguments(method, read.Buffer);
                }
                finally
                {
                    reader.AdvanceTo(read.Buffer.End);
                }
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        context.Response.Headers[WireHeaders.Error] = error;
        return Task.CompletedTask;
    }

    private static Task WriteBytesAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return body.Length == 0 ? Task.CompletedTask : context.Response.Body.WriteAsync(body).AsTask();
    }

    private static Task WriteJsonAsync<T>(HttpContext context, T value)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        return WriteBytesAsync(context, JsonSerializer.SerializeToUtf8Bytes(value, RuntimeJson.Options));
    }

    private static Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text);
    }
}
