using EcomOps.WebFrontend.Api.NetSuite;
using EcomOps.WebFrontend.Auth;
using EcomOps.WebFrontend.Infrastructure;

namespace EcomOps.WebFrontend.Api;

public static class ApiEndpoints
{
    /// <summary>/api/v1: every feature's endpoints, authenticated by bearer token or API key and metered per tenant.</summary>
    public static void MapApiV1(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(ApiPolicy)
            .AddEndpointFilter<TenantRateLimitFilter>();
        api.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().WithTags("Health");
        AuthEndpoints.Map(api);
        TenantEndpoints.Map(api);
        UserEndpoints.Map(api);
        ApiKeyEndpoints.Map(api);
        AuditEndpoints.Map(api);
        ConnectionEndpoints.Map(api);
        SyncEndpoints.Map(api);
        DatasetEndpoints.Map(api);
    }

    public const string ApiPolicy = "api";
}
