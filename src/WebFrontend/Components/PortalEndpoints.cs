using EcomOps.Grains.Common;
using EcomOps.Grains.NetSuite;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using EcomOps.WebFrontend.Api;
using EcomOps.WebFrontend.Api.NetSuite;
using EcomOps.WebFrontend.Auth;
using EcomOps.WebFrontend.Components.NetSuite;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EcomOps.WebFrontend.Components;

/// <summary>Portal routes that are not pages: signing out, CSV downloads, and the buttons that act and come back
/// (test a connection, run or cancel a sync).</summary>
public static class PortalEndpoints
{
    public static void MapPortal(this WebApplication app)
    {
        app.MapPost("/signout", async (HttpContext context) =>
        {
            // The antiforgery middleware only flags a bad token; an endpoint that binds no form must refuse it itself.
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                return Expired();
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute(true));
        app.MapGet("/audit/export.csv", async (HttpContext context, IGrainFactory grains, string? actor, string? action, string? target) =>
            await AuditCsv.WriteAsync(context.Response, grains.GetGrain<ITenantGrain>(context.User.TenantKey()), new AuditQuery(actor, action, target, null, null, null, 1000), context.RequestAborted))
            .RequireAuthorization(RolePermissions.PolicyName(Permission.AuditRead));

        app.MapGet("/datasets/{datasetId}/export.csv", DatasetEndpoints.CsvAsync).RequireAuthorization(RolePermissions.PolicyName(Permission.DatasetsRead));
        app.MapPost("/connections/{connectionId:guid}/test", TestConnectionAsync)
            .RequireAuthorization(RolePermissions.PolicyName(Permission.SyncsRun)).WithMetadata(new RequireAntiforgeryTokenAttribute(true));
        app.MapPost("/syncs/{datasetId}/run", (string datasetId, HttpContext context, IGrainFactory grains, IAntiforgery antiforgery) =>
                ActAsync(context, antiforgery, async () =>
                {
                    var sync = grains.Dataset(context.User, datasetId);
                    var run = await sync.RunNowAsync(context.User.Actor(), null);
                    return $"Started a {run.Mode.ToString().ToLowerInvariant()} run of '{(await sync.GetAsync()).Name}'.";
                }))
            .RequireAuthorization(RolePermissions.PolicyName(Permission.SyncsRun)).WithMetadata(new RequireAntiforgeryTokenAttribute(true));
        app.MapPost("/syncs/{datasetId}/cancel", (string datasetId, HttpContext context, IGrainFactory grains, IAntiforgery antiforgery) =>
                ActAsync(context, antiforgery, async () =>
                {
                    var sync = await grains.Dataset(context.User, datasetId).CancelAsync(context.User.Actor());
                    return $"Cancelling '{sync.Name}': it stops after the page it is on.";
                }))
            .RequireAuthorization(RolePermissions.PolicyName(Permission.SyncsRun)).WithMetadata(new RequireAntiforgeryTokenAttribute(true));
    }

    /// <summary>Tests a connection: for htmx, the outcome as a fragment to swap in; otherwise back to the connection
    /// with the outcome as a toast.</summary>
    private static async Task<IResult> TestConnectionAsync(Guid connectionId, HttpContext context, IGrainFactory grains, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Expired();
        }

        ConnectionTestResult result;
        try
        {
            result = await grains.Connection(context.User, connectionId).TestAsync(context.User.Actor());
        }
        catch (Exception exception) when (exception is NotFoundException or SiloUnavailableException or TimeoutException)
        {
            var message = exception is NotFoundException ? "This connection no longer exists." : "The connection could not be tested just now; try again in a moment.";
            result = new ConnectionTestResult(ConnectionTestOutcome.Failed, message, DateTimeOffset.UtcNow);
        }

        if (context.Request.Headers.ContainsKey("HX-Request"))
        {
            return new RazorComponentResult<ConnectionTestMessage>(new { Result = result });
        }

        Flash.Set(context, $"{SyncText.Outcome(result.Outcome)} {result.Message}", result.Outcome == ConnectionTestOutcome.Succeeded ? "success" : "error");
        return Results.Redirect($"/connections/{connectionId}");
    }

    /// <summary>Does what a button asks and goes back to the page it was on, with what happened as a toast; refusals
    /// (a run already running, a sync removed meanwhile) are toasts too, never an error page.</summary>
    private static async Task<IResult> ActAsync(HttpContext context, IAntiforgery antiforgery, Func<Task<string>> act)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Expired();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnTo = form["returnTo"].ToString();
        if (!returnTo.StartsWith('/') || returnTo.StartsWith("//", StringComparison.Ordinal) || returnTo.StartsWith("/\\", StringComparison.Ordinal) || returnTo.Any(char.IsControl))
        {
            returnTo = "/syncs";
        }

        try
        {
            Flash.Set(context, await act());
        }
        catch (Exception exception) when (exception is ConflictException or NotFoundException or InvalidInputException)
        {
            Flash.Set(context, exception.Message, "error");
        }

        return Results.LocalRedirect(returnTo);
    }

    private static IResult Expired() =>
        Results.Problem(title: "Form expired", detail: "The page was open too long or the session changed; reload it and try again.", statusCode: StatusCodes.Status400BadRequest);
}
