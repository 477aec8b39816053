using System.Security.Claims;
using EcomOps.Grains.NetSuite;
using EcomOps.Runtime;
using EcomOps.WebFrontend.Auth;
using EcomOps.WebFrontend.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using ConnectionInfo = EcomOps.Grains.NetSuite.ConnectionInfo;

namespace EcomOps.WebFrontend.Api.NetSuite;

/// <summary>/api/v1/connections: the tenant's NetSuite connections. Credentials go in, never out: answers carry
/// <see cref="ConnectionInfo"/>, which only says whether credentials are stored.</summary>
public static class ConnectionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var connections = api.MapGroup("/connections").WithTags("NetSuite connections");
        var connection = connections.MapGroup("/{connectionId:guid}").ProducesProblem(StatusCodes.Status404NotFound);
        var read = RolePermissions.PolicyName(Permission.ConnectionsRead);
        var manage = RolePermissions.PolicyName(Permission.ConnectionsManage);
        connections.MapGet("", (ClaimsPrincipal user, IGrainFactory grains) => grains.NetSuiteDirectory(user).ListConnectionsAsync())
            .RequireAuthorization(read).WithSummary("Lists the connections.");
        connections.MapPost("", CreateAsync).RequireAuthorization(manage).WithSummary("Creates a connection; the TBA credentials are required.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        connection.MapGet("", (Guid connectionId, ClaimsPrincipal user, IGrainFactory grains) => grains.Connection(user, connectionId).GetAsync())
            .RequireAuthorization(read).WithSummary("Gets a connection, without its credentials.");
        connection.MapPut("", UpdateAsync).RequireAuthorization(manage)
            .WithSummary("Changes a connection; without tba, the stored credentials stay.");
        connection.MapDelete("", DeleteAsync).RequireAuthorization(manage).WithSummary("Deletes a connection with its syncs, their data and history.");
        connection.MapPost("/test", (Guid connectionId, ClaimsPrincipal user, IGrainFactory grains) => grains.Connection(user, connectionId).TestAsync(user.Actor()))
            .RequireAuthorization(RolePermissions.PolicyName(Permission.SyncsRun))
            .WithSummary("Runs a one-row search through the connection and says what, if anything, is wrong.");
    }

    private static async Task<Results<Created<ConnectionInfo>, ValidationProblem>> CreateAsync(ConnectionRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var validation = new Validation();
        if (NetSuiteInput.Connection(request, creating: true, validation) is not { } settings)
        {
            return validation.Problem();
        }

        var created = await grains.Connection(user, Guid.NewGuid()).CreateAsync(user.Actor(), settings);
        return TypedResults.Created($"/api/v1/connections/{created.ConnectionId}", created);
    }

    private static async Task<Results<Ok<ConnectionInfo>, ValidationProblem>> UpdateAsync(Guid connectionId, ConnectionRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var validation = new Validation();
        return NetSuiteInput.Connection(request, creating: false, validation) is { } settings
            ? TypedResults.Ok(await grains.Connection(user, connectionId).UpdateAsync(user.Actor(), settings))
            : validation.Problem();
    }

    private static async Task<NoContent> DeleteAsync(Guid connectionId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.Connection(user, connectionId).DeleteAsync(user.Actor());
        return TypedResults.NoContent();
    }
}
