using System.Security.Claims;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using EcomOps.WebFrontend.Auth;
using EcomOps.WebFrontend.Infrastructure;

namespace EcomOps.WebFrontend.Api;

/// <summary>/api/v1/tenant: profile, settings and plan of the caller's tenant.</summary>
public static class TenantEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var tenant = api.MapGroup("/tenant").WithTags("Tenant");
        tenant.MapGet("", (ClaimsPrincipal user, IGrainFactory grains) => Tenant(grains, user).GetProfileAsync())
            .RequireAuthorization(RolePermissions.PolicyName(Permission.TenantRead));
        tenant.MapPut("", UpdateAsync).RequireAuthorization(RolePermissions.PolicyName(Permission.TenantUpdate));
        tenant.MapPut("/plan", ChangePlanAsync).RequireAuthorization(RolePermissions.PolicyName(Permission.PlanChange));
    }

    private static async Task<IResult> UpdateAsync(UpdateTenantRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var validation = new Validation().Require("name", request.Name).Require("timeZone", request.TimeZone, 100);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var current = await Tenant(grains, user).GetProfileAsync();
        var governance = new GovernancePolicy(request.AllowedTools ?? [.. current.Governance.AllowedTools], request.RedactedFields ?? [.. current.Governance.RedactedFields]);
        return TypedResults.Ok(await Tenant(grains, user).UpdateSettingsAsync(user.Actor(), new TenantSettings(request.Name!, request.TimeZone!, governance)));
    }

    private static async Task<IResult> ChangePlanAsync(ChangePlanRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var validation = new Validation().Require<Plan>("plan", request.Plan, out var plan);
        return validation.IsValid ? TypedResults.Ok(await Tenant(grains, user).ChangePlanAsync(user.Actor(), plan)) : validation.Problem();
    }

    internal static ITenantGrain Tenant(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<ITenantGrain>(user.TenantKey());
}
