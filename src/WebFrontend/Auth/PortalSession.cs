using EcomOps.Grains.Common;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EcomOps.WebFrontend.Auth;

/// <summary>Keeps portal sessions true to the tenant: a removed user is signed out, and a role change applies on the
/// next request, not at the next sign-in.</summary>
public static class PortalSession
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.UserId() is not { } userId)
        {
            context.RejectPrincipal();
            return;
        }

        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        Member member;
        try
        {
            member = await grains.GetGrain<ITenantGrain>(principal.TenantKey()).GetMemberAsync(userId);
        }
        catch (NotFoundException)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        if (member.Role != principal.Role() || member.DisplayName != principal.Identity?.Name)
        {
            context.ReplacePrincipal(Principals.ForMember(principal.TenantId(), member, CookieAuthenticationDefaults.AuthenticationScheme));
            context.ShouldRenew = true;
        }
    }
}
