using System.Security.Claims;
using EcomOps.Grains.Common;
using EcomOps.Grains.Tenancy;

namespace EcomOps.WebFrontend.Auth;

/// <summary>Builds principals for members and API keys, and reads them back: tenant, role, and the audit actor.</summary>
public static class Principals
{
    public static ClaimsPrincipal ForMember(Guid tenantId, Member member, string authenticationType) =>
        new(new ClaimsIdentity(
        [
            new Claim(EcomClaimTypes.TenantId, tenantId.ToString("N")),
            new Claim(EcomClaimTypes.UserId, member.UserId.ToString()),
            new Claim(EcomClaimTypes.Role, member.Role.ToString()),
            new Claim(EcomClaimTypes.Name, member.DisplayName),
            new Claim(EcomClaimTypes.Email, member.Email),
            new Claim(EcomClaimTypes.ActorType, nameof(ActorType.User)),
        ], authenticationType, EcomClaimTypes.Name, EcomClaimTypes.Role));

    public static ClaimsPrincipal ForApiKey(ApiKeyPrincipal key, string authenticationType) =>
        new(new ClaimsIdentity(
        [
            new Claim(EcomClaimTypes.TenantId, key.TenantId.ToString("N")),
            new Claim(EcomClaimTypes.ApiKeyId, key.KeyId.ToString()),
            new Claim(EcomClaimTypes.Role, RolePermissions.RoleOf(key.Scope).ToString()),
            new Claim(EcomClaimTypes.Name, "API key " + key.Name),
            new Claim(EcomClaimTypes.ActorType, nameof(ActorType.ApiKey)),
        ], authenticationType, EcomClaimTypes.Name, EcomClaimTypes.Role));

    public static Guid TenantId(this ClaimsPrincipal principal) =>
        Guid.ParseExact(principal.FindFirstValue(EcomClaimTypes.TenantId) ?? throw new InvalidOperationException("The principal has no tenant."), "N");

    public static string TenantKey(this ClaimsPrincipal principal) => principal.TenantId().ToString("N");

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(EcomClaimTypes.UserId), out var id) ? id : null;

    public static Role Role(this ClaimsPrincipal principal) =>
        Enum.TryParse<Role>(principal.FindFirstValue(EcomClaimTypes.Role), out var role) ? role : Grains.Tenancy.Role.Viewer;

    public static bool Has(this ClaimsPrincipal principal, Permission permission) =>
        principal.Identity?.IsAuthenticated == true && RolePermissions.Allows(principal.Role(), permission);

    public static Actor Actor(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(EcomClaimTypes.ActorType) == nameof(ActorType.ApiKey)
            ? new Actor(ActorType.ApiKey, principal.FindFirstValue(EcomClaimTypes.ApiKeyId)!, principal.Identity!.Name!)
            : new Actor(ActorType.User, principal.FindFirstValue(EcomClaimTypes.UserId)!, principal.Identity!.Name!);
}
