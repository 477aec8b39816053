using System.Text.Json;
using EcomOps.Runtime.Activation;
using EcomOps.Runtime.Invocation;
using EcomOps.Runtime.Management;
using EcomOps.Runtime.Hosting;
using Microsoft.AspNetCore.Http;

namespace EcomOps.Runtime.Transport;

/// <summary>What the internal endpoint answers: grain calls and cluster data for members holding the secret,
/// health for anyone.</summary>
internal sealed class SiloEndpoint(
    ClusterAuthenticator authenticator,
    Catalog catalog,
    SiloRuntime runtime,
    SiloLifecycle lifecycle,
    CallStreamHandler streams)
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
            ("/rt/stream", "POST") => streams.HandleAsync(context),
            ("/rt/manifest", "GET") => WriteJsonAsync(context, catalog.Registry.Manifest),
            ("/rt/stats", "GET") => WriteJsonAsync(context, catalog.CountByGrainType()),
            ("/cluster", "GET") => HandleClusterAsync(context),
            _ => WriteTextAsync(context, StatusCodes.Status404NotFound, "Not found."),
        };
    }

    private async Task HandleClusterAsync(HttpContext context)
    {
        var snapshot = await runtime.GetGrain<IManagementGrain>(ManagementGrain.Key).GetClusterSnapshotAsync();
        await WriteJsonAsync(context, snapshot);
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
