using System.Security.Claims;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using EcomOps.WebFrontend.Auth;
using EcomOps.WebFrontend.Infrastructure;

namespace EcomOps.WebFrontend.Api;

/// <summary>/api/v1/api-keys: keys for machine clients and MCP agents.</summary>
public static class ApiKeyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(RolePermissions.PolicyName(Permission.ApiKeysManage));
        keys.MapGet("", (ClaimsPrincipal user, IGrainFactory grains) => TenantEndpoints.Tenant(grains, user).ListApiKeysAsync());
        keys.MapPost("", CreateAsync);
        keys.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await TenantEndpoints.Tenant(grains, user).RevokeApiKeyAsync(user.Actor(), id);
            return TypedResults.NoContent();
        });
    }

    private static async Task<IResult> CreateAsync(CreateApiKeyRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var validation = new Validation().Require("name", request.Name, 100).Require<ApiKeyScope>("scope", request.Scope, out var scope);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (scope == ApiKeyScope.Admin && user.Role() < Role.Admin)
        {
            throw new PermissionDeniedException("An API key cannot have more rights than its creator.");
        }

        var created = await TenantEndpoints.Tenant(grains, user).CreateApiKeyAsync(user.Actor(), request.Name!, scope);
        return TypedResults.Created($"/api/v1/api-keys/{created.Key.KeyId}", new CreatedApiKeyResponse(created.Key, created.Secret));
    }
}
