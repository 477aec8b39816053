using System.Globalization;
using EcomOps.Grains.NetSuite;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>Answers SuiteQL the way REST web services do, over a sandbox account's data sets: the subset
/// <see cref="SuiteQlQuery"/> parses, paged by limit and offset with <c>hasMore</c>, <c>totalResults</c> and paging
/// links, and no further than the first <c>ceiling</c> rows of one query. The tables are the data sets NetSuite also has as
/// SuiteQL tables: customer, item and transaction (sales orders are transactions in SuiteQL, so there is no salesorder
/// table).</summary>
public static class SuiteQlSimulator
{
    public static IReadOnlyList<string> Tables { get; } = ["customer", "item", "transaction"];

    /// <summary>The answer's JSON object; throws <see cref="SuiteQlError"/> for a query or paging NetSuite would refuse.</summary>
    public static Dictionary<string, object> Run(SandboxCatalog catalog, string text, int limit, int offset, int ceiling, string endpoint)
    {
        var query = SuiteQlQuery.Parse(text);
        if (!Tables.Contains(query.Table))
        {
            throw SuiteQlError.InvalidQuery($"Invalid search type: {query.Table}.");
        }

        var dataSet = catalog.DataSets[query.Table];
        var known = dataSet.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var columns = query.Columns ?? ["id", .. known.Keys];
        if (columns.FirstOrDefault(c => c != "id" && !known.ContainsKey(c)) is { } unknown)
        {
            throw SuiteQlError.InvalidQuery($"Search error occurred: Unknown identifier '{unknown}'. Available identifiers are: {{{query.Table}={query.Table}}}.");
        }

        if (offset >= ceiling)
        {
            throw new SuiteQlError(StatusCodes.Status400BadRequest, "INVALID_PARAMETER",
                $"Invalid value for the offset parameter: one query is paged no further than its first {ceiling.ToString(CultureInfo.InvariantCulture)} results. Narrow the query, for example by id.", "offset");
        }

        var ids = dataSet.Select(query.ModifiedAfter, query.FromId, query.ToId);
        var items = new List<Dictionary<string, object>>();
        // Rows past the ceiling cannot be reached: a page that would cross it stops there, and the next offset is refused.
        foreach (var id in ids.Page(offset, Math.Min(limit, ceiling - offset)))
        {
            if (dataSet.Find(id) is not { } record)
            {
                continue;
            }

            var item = new Dictionary<string, object> { ["links"] = Array.Empty<object>() };
            foreach (var column in columns)
            {
                // NetSuite leaves a null column out of the row.
                if ((column == "id" ? id.ToString(CultureInfo.InvariantCulture) : Value(record, known[column])) is { } value)
                {
                    item[column] = value;
                }
            }

            items.Add(item);
        }

        var hasMore = (long)offset + limit < ids.Count;
        return new Dictionary<string, object>
        {
            ["links"] = Links(endpoint, limit, offset, ids.Count, hasMore),
            ["count"] = items.Count,
            ["hasMore"] = hasMore,
            ["items"] = items,
            ["offset"] = offset,
            ["totalResults"] = ids.Count,
        };
    }

    private static string? Value(SandboxRecord record, RestletColumn column) => column.Type == "datetime"
        ? record.LastModified.UtcDateTime.ToString("M/d/yyyy h:mm tt", CultureInfo.InvariantCulture).ToLowerInvariant()
        : record.Fields[column.Name];

    private static List<object> Links(string endpoint, int limit, int offset, long total, bool hasMore)
    {
        object Link(string rel, long at) => new { rel, href = $"{endpoint}?limit={limit.ToString(CultureInfo.InvariantCulture)}&offset={at.ToString(CultureInfo.InvariantCulture)}" };
        var links = new List<object> { Link("first", 0) };
        if (offset > 0)
        {
            links.Add(Link("prev", Math.Max(0, offset - limit)));
        }

        if (hasMore)
        {
            links.Add(Link("next", offset + limit));
        }

        links.Add(Link("last", total == 0 ? 0 : (total - 1) / limit * limit));
        links.Add(Link("self", offset));
        return links;
    }
}
