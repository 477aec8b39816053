using System.Security.Claims;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using EcomOps.WebFrontend.Auth;

namespace EcomOps.WebFrontend.Api;

/// <summary>/api/v1/audit: query the tenant's audit trail with keyset paging, or export it as CSV.</summary>
public static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(RolePermissions.PolicyName(Permission.AuditRead));
        audit.MapGet("", (ClaimsPrincipal user, IGrainFactory grains, string? actor, string? action, string? target, DateTimeOffset? from, DateTimeOffset? to, long? before, int? limit) =>
            TenantEndpoints.Tenant(grains, user).QueryAuditAsync(new AuditQuery(actor, action, target, from, to, before, Math.Clamp(limit ?? 50, 1, 1000))));
        audit.MapGet("/export.csv", async (HttpContext context, IGrainFactory grains, string? actor, string? action, string? target, DateTimeOffset? from, DateTimeOffset? to) =>
            await AuditCsv.WriteAsync(context.Response, TenantEndpoints.Tenant(grains, context.User), new AuditQuery(actor, action, target, from, to, null, 1000), context.RequestAborted));
    }
}
