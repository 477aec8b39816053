using System.Security.Claims;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using EcomOps.WebFrontend.Auth;
using EcomOps.WebFrontend.Infrastructure;

namespace EcomOps.WebFrontend.Api;

/// <summary>/api/v1/users: the tenant's members and their roles.</summary>
public static class UserEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        var read = RolePermissions.PolicyName(Permission.UsersRead);
        var manage = RolePermissions.PolicyName(Permission.UsersManage);
        users.MapGet("", (ClaimsPrincipal user, IGrainFactory grains) => TenantEndpoints.Tenant(grains, user).ListMembersAsync()).RequireAuthorization(read);
        users.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, IGrainFactory grains) => TenantEndpoints.Tenant(grains, user).GetMemberAsync(id)).RequireAuthorization(read);
        users.MapPost("", AddAsync).RequireAuthorization(manage);
        users.MapPut("/{id:guid}/role", ChangeRoleAsync).RequireAuthorization(manage);
        users.MapDelete("/{id:guid}", RemoveAsync).RequireAuthorization(manage);
        users.MapPost("/me/password", ChangePasswordAsync).RequireAuthorization();
    }

    private static async Task<IResult> AddAsync(AddUserRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var validation = new Validation().Require("email", request.Email, 254).Require("displayName", request.DisplayName).Require<Role>("role", request.Role, out var role);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        MemberRules.EnsureMayManage(user, role);
        var added = await TenantEndpoints.Tenant(grains, user).AddMemberAsync(user.Actor(), request.Email!, request.DisplayName!, role, request.Password);
        return TypedResults.Created($"/api/v1/users/{added.Member.UserId}", new AddedUserResponse(added.Member, added.TemporaryPassword));
    }

    private static async Task<IResult> ChangeRoleAsync(Guid id, ChangeRoleRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var validation = new Validation().Require<Role>("role", request.Role, out var role);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var tenant = TenantEndpoints.Tenant(grains, user);
        MemberRules.EnsureMayManage(user, (await tenant.GetMemberAsync(id)).Role, role);
        return TypedResults.Ok(await tenant.ChangeRoleAsync(user.Actor(), id, role));
    }

    private static async Task<IResult> RemoveAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = TenantEndpoints.Tenant(grains, user);
        MemberRules.EnsureMayManage(user, (await tenant.GetMemberAsync(id)).Role);
        await tenant.RemoveMemberAsync(user.Actor(), id);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ChangePasswordAsync(ChangePasswordRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var validation = new Validation().Require("currentPassword", request.CurrentPassword, 256).Require("newPassword", request.NewPassword, 256);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (user.UserId() is not { } userId)
        {
            throw new PermissionDeniedException("API keys have no password.");
        }

        await TenantEndpoints.Tenant(grains, user).ChangePasswordAsync(user.Actor(), userId, request.CurrentPassword!, request.NewPassword!);
        return TypedResults.NoContent();
    }
}
