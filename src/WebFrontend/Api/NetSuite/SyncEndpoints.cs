using System.ComponentModel;
using System.Security.Claims;
using EcomOps.Grains.NetSuite;
using EcomOps.Runtime;
using EcomOps.WebFrontend.Auth;
using EcomOps.WebFrontend.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EcomOps.WebFrontend.Api.NetSuite;

/// <summary>Saved-search syncs: /api/v1/connections/{connectionId}/searches to add, change, remove, run and cancel
/// them, and /api/v1/syncs to see every sync with its status and run history.</summary>
public static class SyncEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var searches = api.MapGroup("/connections/{connectionId:guid}/searches").WithTags("Syncs").ProducesProblem(StatusCodes.Status404NotFound);
        var read = RolePermissions.PolicyName(Permission.SyncsRead);
        var run = RolePermissions.PolicyName(Permission.SyncsRun);
        var manage = RolePermissions.PolicyName(Permission.SyncsManage);
        searches.MapGet("", ListForConnectionAsync).RequireAuthorization(read).WithSummary("Lists the searches a connection syncs, with their status.");
        searches.MapPut("/{searchId}", ConfigureAsync).RequireAuthorization(manage).WithSummary("Adds a saved search to the connection, or changes its sync.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        searches.MapDelete("/{searchId}", RemoveAsync).RequireAuthorization(manage).WithSummary("Stops syncing a search and deletes its data and history.");
        searches.MapPost("/{searchId}/run", RunAsync).RequireAuthorization(run).WithSummary("Starts a run now (409 while one runs).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        searches.MapPost("/{searchId}/cancel", (Guid connectionId, string searchId, ClaimsPrincipal user, IGrainFactory grains) =>
                grains.Sync(user, connectionId, searchId).CancelAsync(user.Actor()))
            .RequireAuthorization(run).WithSummary("Stops the run in progress after its current page (409 when none runs).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        var syncs = api.MapGroup("/syncs").WithTags("Syncs").RequireAuthorization(read);
        syncs.MapGet("", (ClaimsPrincipal user, IGrainFactory grains) => grains.NetSuiteDirectory(user).ListSyncsAsync(null))
            .WithSummary("Lists every sync of the tenant with its status.");
        syncs.MapGet("/{datasetId}", (string datasetId, ClaimsPrincipal user, IGrainFactory grains) => grains.Dataset(user, datasetId).GetAsync())
            .WithSummary("Gets a sync: its settings, the run in progress, the last run and the next.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        syncs.MapGet("/{datasetId}/runs", RunsAsync).WithSummary("Lists a sync's runs, newest first.").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IReadOnlyList<SyncInfo>> ListForConnectionAsync(Guid connectionId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.Connection(user, connectionId).GetAsync();
        return await grains.NetSuiteDirectory(user).ListSyncsAsync(connectionId);
    }

    private static async Task<Results<Ok<SyncInfo>, ValidationProblem>> ConfigureAsync(Guid connectionId, string searchId, SearchRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var sync = grains.Sync(user, connectionId, searchId);
        var validation = new Validation();
        if (NetSuiteInput.Search(searchId.Trim(), request, validation) is not { } settings)
        {
            return validation.Problem();
        }

        return TypedResults.Ok(await sync.ConfigureAsync(user.Actor(), settings));
    }

    private static async Task<NoContent> RemoveAsync(Guid connectionId, string searchId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.Sync(user, connectionId, searchId).RemoveAsync(user.Actor());
        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted<SyncRunInfo>, ValidationProblem>> RunAsync(Guid connectionId, string searchId, RunRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var sync = grains.Sync(user, connectionId, searchId);
        var validation = new Validation();
        var mode = NetSuiteInput.Mode(request, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var started = await sync.RunNowAsync(user.Actor(), mode);
        return TypedResults.Accepted($"/api/v1/syncs/{DatasetId.Of(connectionId, searchId.Trim())}", started);
    }

    private static async Task<Results<Ok<IReadOnlyList<SyncRunInfo>>, ValidationProblem>> RunsAsync(
        string datasetId, ClaimsPrincipal user, IGrainFactory grains, [Description("How many runs, newest first: 1 to 500, default 20.")] string? limit)
    {
        var sync = grains.Dataset(user, datasetId);
        var validation = new Validation();
        var count = NetSuiteInput.Integer("limit", limit, 1, 500, validation) ?? 20;
        return validation.IsValid ? TypedResults.Ok(await sync.ListRunsAsync(count)) : validation.Problem();
    }
}
