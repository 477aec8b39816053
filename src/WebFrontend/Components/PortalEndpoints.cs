using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using EcomOps.WebFrontend.Api;
using EcomOps.WebFrontend.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EcomOps.WebFrontend.Components;

/// <summary>Portal routes that are not pages: signing out and the audit CSV download.</summary>
public static class PortalEndpoints
{
    public static void MapPortal(this WebApplication app)
    {
        app.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin");
        }).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute(true));
        app.MapGet("/audit/export.csv", async (HttpContext context, IGrainFactory grains, string? actor, string? action, string? target) =>
            await AuditCsv.WriteAsync(context.Response, grains.GetGrain<ITenantGrain>(context.User.TenantKey()), new AuditQuery(actor, action, target, null, null, null, 1000), context.RequestAborted))
            .RequireAuthorization(RolePermissions.PolicyName(Permission.AuditRead));
    }
}
