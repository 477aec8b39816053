using EcomOps.Runtime;
using EcomOps.Runtime.Hosting;
using EcomOps.WebFrontend.Auth;
using Serilog.Context;

namespace EcomOps.WebFrontend.Infrastructure;

/// <summary>Takes the caller's <c>X-Correlation-ID</c> (when it is a sane token) or makes one, returns it on the
/// response, puts it on every log line, and hands it, with the tenant, to every grain call the request makes.</summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var supplied = context.Request.Headers[CorrelationIdHandler.HeaderName].FirstOrDefault();
        var correlationId = IsSane(supplied) ? supplied! : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = correlationId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationIdHandler.HeaderName] = correlationId;
            return Task.CompletedTask;
        });
        RequestContext.CorrelationId = correlationId;
        using (LogContext.PushProperty("CorrelationId", correlationId))
        {
            await next(context);
        }
    }

    /// <summary>Sets the tenant on the request context once authentication has run.</summary>
    public static async Task TenantAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(EcomClaimTypes.TenantId) is { } tenant)
        {
            RequestContext.TenantId = tenant.Value;
            using (LogContext.PushProperty("TenantId", tenant.Value))
            {
                await next(context);
                return;
            }
        }

        await next(context);
    }

    private static bool IsSane(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
