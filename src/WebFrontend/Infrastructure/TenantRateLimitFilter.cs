using System.Globalization;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using EcomOps.WebFrontend.Auth;

namespace EcomOps.WebFrontend.Infrastructure;

/// <summary>Meters authenticated API calls against the tenant's plan, in the tenant's grain: past the limit, 429 with
/// Retry-After.</summary>
public sealed class TenantRateLimitFilter(IGrainFactory grains) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var decision = await grains.GetGrain<ITenantGrain>(user.TenantKey()).TryAcquireAsync(RateLimitKind.Api, 1);
            if (!decision.Allowed)
            {
                var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    title: "Too many requests",
                    detail: $"This tenant's plan allows a limited number of API calls per minute; retry in {seconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests);
            }
        }

        return await next(context);
    }
}
