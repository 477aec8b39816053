using System.Globalization;
using System.Text.Json;
using EcomOps.Grains.NetSuite;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>Answers RESTlet requests the way the real RESTlet does (docs/netsuite-restlet.md) over a sandbox account's
/// data sets: saved searches by id, ad-hoc searches by type and columns, watermark and id window, paging.</summary>
public static class RestletSimulator
{
    public static RestletResponse Run(SandboxCatalog catalog, JsonElement body)
    {
        RestletRequest request;
        try
        {
            request = body.Deserialize<RestletRequest>(RestletJson.Options) ?? throw new JsonException("empty");
        }
        catch (JsonException)
        {
            return Error("BAD_REQUEST", "The body must be a JSON object.", null);
        }

        var pageSize = request.PageSize ?? 1000;
        var pageIndex = request.PageIndex ?? 0;
        var pages = request.Pages ?? 1;
        if (pageSize is < 5 or > 1000)
        {
            return Error("BAD_REQUEST", "pageSize: must be a whole number from 5 to 1000.", "pageSize");
        }

        if (pageIndex < 0 || pages is < 1 or > 10)
        {
            return Error("BAD_REQUEST", pageIndex < 0 ? "pageIndex: must be a whole number from 0." : "pages: must be a whole number from 1 to 10.", pageIndex < 0 ? "pageIndex" : "pages");
        }

        SandboxDataSet? dataSet;
        IReadOnlyList<RestletColumn> columns;
        if (request.SearchId is { } searchId)
        {
            if (!catalog.SavedSearches.TryGetValue(searchId, out dataSet))
            {
                return Error("UNKNOWN_SEARCH", "That search or mass update does not exist.", null, "SSS_INVALID_SRCH_ID");
            }

            columns = dataSet.Columns;
        }
        else if (request.Type is { } type && catalog.DataSets.TryGetValue(type, out dataSet))
        {
            if (request.Filters is { ValueKind: JsonValueKind.Array } filters && filters.GetArrayLength() > 0)
            {
                return Error("BAD_FILTER", "The sandbox runs ad-hoc searches without filters.", null, "SSS_INVALID_SRCH_FILTER");
            }

            var known = dataSet.Columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
            var asked = request.Columns ?? [];
            if (asked.Count == 0 || asked.FirstOrDefault(c => !known.ContainsKey(c.Name)) is { } unknown)
            {
                return Error("BAD_COLUMN", $"An nlobjSearchColumn contains an invalid column: {(asked.Count == 0 ? "(none)" : asked.First(c => !known.ContainsKey(c.Name)).Name)}.", null, "SSS_INVALID_SRCH_COL");
            }

            columns = asked.Select(c => known[c.Name]).ToList();
        }
        else
        {
            return request.Type is null
                ? Error("BAD_REQUEST", "searchId: give a saved search id, or a type with filters and columns for an ad-hoc search.", "searchId")
                : Error("UNKNOWN_SEARCH", $"Invalid search type: {request.Type}.", null, "SSS_INVALID_SRCH_TYPE");
        }

        var ids = dataSet.Select(request.ModifiedAfter, request.IdRange?.From, request.IdRange?.To);
        var pageCount = (int)((ids.Count + pageSize - 1) / pageSize);
        var rows = new List<RestletRow>();
        var end = Math.Min(pageCount, pageIndex + pages);
        foreach (var id in ids.Page((long)pageIndex * pageSize, Math.Max(0, end - pageIndex) * pageSize))
        {
            if (dataSet.Find(id) is { } record)
            {
                rows.Add(new RestletRow(id.ToString(CultureInfo.InvariantCulture), columns.Select(c => Value(record, c)).ToList()));
            }
        }

        return new RestletResponse
        {
            Ok = true,
            Version = 1,
            Columns = columns,
            Rows = rows,
            PageIndex = pageIndex,
            PageSize = pageSize,
            PageCount = pageCount,
            Total = ids.Count,
            NextPageIndex = end < pageCount ? end : null,
            RemainingUsage = 5000 - (10 * Math.Max(1, end - pageIndex)),
        };
    }

    private static RestletValue Value(SandboxRecord record, RestletColumn column) => column.Type switch
    {
        "datetime" => new RestletValue(record.LastModified.UtcDateTime.ToString("M/d/yyyy h:mm tt", CultureInfo.InvariantCulture).ToLowerInvariant(), null),
        "select" => new RestletValue(record.Fields[column.Name], $"Customer {record.Fields[column.Name]}"),
        _ => new RestletValue(record.Fields[column.Name], null),
    };

    private static RestletResponse Error(string code, string message, string? field, string? netsuiteError = null) => new()
    {
        Ok = false,
        Version = 1,
        Error = new RestletError(code, message, JsonSerializer.SerializeToElement(
            field is not null ? new Dictionary<string, string?> { ["field"] = field } : new Dictionary<string, string?> { ["netsuiteError"] = netsuiteError })),
    };
}
