using System.ComponentModel;
using System.Security.Claims;
using EcomOps.Grains.NetSuite;
using EcomOps.Runtime;
using EcomOps.WebFrontend.Auth;
using EcomOps.WebFrontend.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EcomOps.WebFrontend.Api.NetSuite;

/// <summary>/api/v1/datasets/{datasetId}: a synced search's rows, a page at a time by keyset cursor, or all of them
/// as a streamed CSV file.</summary>
public static class DatasetEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var dataset = api.MapGroup("/datasets/{datasetId}").WithTags("Datasets").RequireAuthorization(RolePermissions.PolicyName(Permission.DatasetsRead))
            .ProducesProblem(StatusCodes.Status404NotFound);
        dataset.MapGet("/rows", RowsAsync).WithSummary("A page of rows: the columns, the rows, the cursor of the next page (null after the last) and how many rows match.");
        dataset.MapGet("/csv", CsvAsync).WithSummary("Every row matching the filter, in the sort order, as CSV: the internal id, then the chosen columns.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();
    }

    private static async Task<Results<Ok<DatasetPage>, ValidationProblem>> RowsAsync(
        string datasetId,
        ClaimsPrincipal user,
        IGrainFactory grains,
        [Description("Rows per page: 1 to 1000, default 50.")] string? limit,
        [Description("The nextCursor of the previous page; empty for the first.")] string? cursor,
        [Description("The index of the column to sort by; empty for the internal id.")] string? sort,
        [Description("true to sort in descending order.")] string? desc,
        [Description("Only rows with a cell containing this text.")] string? filter,
        [Description("The index of the only column the filter looks in; empty for any.")] string? filterColumn)
    {
        var sync = grains.Dataset(user, datasetId);
        var validation = new Validation();
        var query = NetSuiteInput.Rows(limit, cursor, sort, desc, filter, filterColumn, validation);
        return query is null ? validation.Problem() : TypedResults.Ok(await sync.ReadRowsAsync(query));
    }

    internal static async Task<IResult> CsvAsync(
        string datasetId,
        HttpContext context,
        IGrainFactory grains,
        [Description("The index of the column to sort by; empty for the internal id.")] string? sort,
        [Description("true to sort in descending order.")] string? desc,
        [Description("Only rows with a cell containing this text.")] string? filter,
        [Description("The index of the only column the filter looks in; empty for any.")] string? filterColumn,
        [Description("The indexes of the columns to include, in that order, comma-separated, such as 0,2,3; empty for all.")] string? columns)
    {
        var sync = grains.Dataset(context.User, datasetId);
        var (connectionId, searchId) = NetSuiteGrains.ParseDatasetId(datasetId);
        var validation = new Validation();
        var query = NetSuiteInput.Rows(null, null, sort, desc, filter, filterColumn, validation);
        var chosen = NetSuiteInput.Columns(columns, validation);
        if (query is null || !validation.IsValid)
        {
            return validation.Problem();
        }

        await DatasetCsv.WriteAsync(context.Response, sync, DatasetId.Of(connectionId, searchId), query, chosen, context.RequestAborted);
        return TypedResults.Empty;
    }
}
