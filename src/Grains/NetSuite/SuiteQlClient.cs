using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace EcomOps.Grains.NetSuite;

/// <summary>Runs SuiteQL queries through REST web services (<c>POST /services/rest/query/v1/suiteql</c> with
/// <c>Prefer: transient</c>), with the retries and typed errors of <see cref="NetSuiteRequestSender"/>. Pages stream one
/// at a time, so a result is never held whole. NetSuite pages no further than <see cref="ResultCeiling"/> rows into one
/// query; <see cref="WindowsByIdAsync"/> walks larger results in windows of internal id, each below the ceiling.</summary>
public sealed class SuiteQlClient
{
    public const string Path = "/services/rest/query/v1/suiteql";
    public const int MaxPageSize = 1000;
    public const int NetSuiteResultCeiling = 100_000;

    private readonly NetSuiteRequestSender sender;
    private readonly Uri endpoint;

    public SuiteQlClient(HttpClient http, NetSuiteAuthorization authorization, Uri suiteTalkUrl, RetryPolicy retry, TimeProvider time, ILogger logger, AccountSlots? slots = null)
    {
        sender = new NetSuiteRequestSender(http, authorization, retry, time, logger, slots);
        endpoint = new Uri(suiteTalkUrl, Path);
    }

    /// <summary>Attempts the last page needed, for run history.</summary>
    public int LastAttempts => sender.LastAttempts;

    /// <summary>How many rows of one query can be paged through: NetSuite's 100,000 unless a stand-in allows fewer.</summary>
    public int ResultCeiling { get; init; } = NetSuiteResultCeiling;

    public Task<SuiteQlPage> PageAsync(string query, int limit, int offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var url = new Uri(endpoint, $"?limit={limit.ToString(CultureInfo.InvariantCulture)}&offset={offset.ToString(CultureInfo.InvariantCulture)}");
        return sender.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { q = query }) };
                request.Headers.Add("Prefer", "transient");
                return request;
            },
            Read,
            cancellationToken);
    }

    /// <summary>Every page of a query, by offset, until NetSuite says there is no more. A query with more rows than
    /// <see cref="ResultCeiling"/> fails when it reaches the ceiling; walk it with <see cref="WindowsByIdAsync"/>.</summary>
    public async IAsyncEnumerable<SuiteQlPage> PagesAsync(string query, int pageSize = MaxPageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var offset = 0; ; offset += pageSize)
        {
            var page = await PageAsync(query, pageSize, offset, cancellationToken);
            yield return page;
            if (!page.HasMore || page.Items.Count == 0)
            {
                yield break;
            }
        }
    }

    /// <summary>Every page of a query of any size, in internal id order: each window asks for ids above the last one seen
    /// and is paged by offset only as far as the ceiling allows, so every row comes exactly once if none changes id
    /// meanwhile. <paramref name="afterId"/> resumes a walk.</summary>
    public async IAsyncEnumerable<SuiteQlPage> WindowsByIdAsync(SuiteQlWindowedQuery query, int pageSize = MaxPageSize, long afterId = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        pageSize = Math.Min(pageSize, ResultCeiling);
        var pagesPerWindow = ResultCeiling / pageSize;
        while (true)
        {
            var text = query.After(afterId);
            for (var index = 0; index < pagesPerWindow; index++)
            {
                var page = await PageAsync(text, pageSize, index * pageSize, cancellationToken);
                if (page.Items.Count > 0)
                {
                    afterId = LastId(page, query.IdName);
                }

                yield return page;
                if (!page.HasMore || page.Items.Count == 0)
                {
                    yield break;
                }
            }
        }
    }

    private static long LastId(SuiteQlPage page, string idName) =>
        long.TryParse(page.Items[^1][idName], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new NetSuiteException("MISSING_ID", $"Walking a query in id windows needs the '{idName}' column among the selected ones, and rows have none.");

    private static SuiteQlPage Read(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var items = new List<SuiteQlRow>();
            foreach (var item in root.GetProperty("items").EnumerateArray())
            {
                var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var column in item.EnumerateObject())
                {
                    if (column.Name != "links" && column.Value.ValueKind != JsonValueKind.Null)
                    {
                        values[column.Name] = column.Value.ValueKind == JsonValueKind.String ? column.Value.GetString()! : column.Value.GetRawText();
                    }
                }

                items.Add(new SuiteQlRow(values));
            }

            var links = root.TryGetProperty("links", out var linkArray)
                ? linkArray.EnumerateArray().Select(l => new SuiteQlLink(l.GetProperty("rel").GetString()!, new Uri(l.GetProperty("href").GetString()!))).ToList()
                : [];
            return new SuiteQlPage(items, root.GetProperty("count").GetInt32(), root.GetProperty("hasMore").GetBoolean(), root.GetProperty("offset").GetInt32(),
                root.GetProperty("totalResults").GetInt64(), links);
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new JsonException($"not a SuiteQL answer: {exception.Message}", exception);
        }
    }
}
