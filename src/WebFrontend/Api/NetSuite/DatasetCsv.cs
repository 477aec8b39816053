using System.Text;
using EcomOps.Grains.Common;
using EcomOps.Grains.NetSuite;

namespace EcomOps.WebFrontend.Api.NetSuite;

/// <summary>Streams a synced dataset as CSV: a header of column titles (the internal id first), then each row, pulled
/// from the sync grain a page at a time by keyset cursor and flushed as it goes, so no more than one page is ever held.</summary>
public static class DatasetCsv
{
    public const int PageSize = 2000;
    public const string IdHeader = "Internal ID";

    /// <summary>Checks the query against the dataset's columns before anything is written, so bad input is still a
    /// 400 (or 404 for a dataset that does not exist), then writes the whole file.</summary>
    public static async Task WriteAsync(HttpResponse response, ISavedSearchSyncGrain sync, string datasetId, DatasetQuery query, IReadOnlyList<int>? columns, CancellationToken cancellationToken)
    {
        query = query with { Limit = PageSize, Cursor = null, CountMatching = false };
        var page = await sync.ReadRowsAsync(query);
        var chosen = columns ?? [.. Enumerable.Range(0, page.Columns.Count)];
        foreach (var index in chosen.Where(i => i >= page.Columns.Count).Take(1))
        {
            throw InvalidInputException.For("columns", $"column {index} does not exist; the dataset has {page.Columns.Count} columns, 0 to {page.Columns.Count - 1}.");
        }

        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(datasetId)}-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteLineAsync(Header(page.Columns, chosen).AsMemory(), cancellationToken);
        while (true)
        {
            foreach (var row in page.Rows)
            {
                await writer.WriteLineAsync(Line(row, chosen).AsMemory(), cancellationToken);
            }

            await writer.FlushAsync(cancellationToken);
            if (page.NextCursor is not { } next || page.Rows.Count == 0)
            {
                return;
            }

            page = await sync.ReadRowsAsync(query with { Cursor = next });
        }
    }

    public static string Header(IReadOnlyList<DatasetColumn> columns, IReadOnlyList<int> chosen) =>
        string.Join(',', chosen.Select(i => Field(columns[i].Title)).Prepend(IdHeader));

    public static string Line(DatasetRow row, IReadOnlyList<int> chosen) =>
        string.Join(',', chosen.Select(i => Field(Cell(row, i))).Prepend(row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>What a cell shows: a select field's display text, otherwise its value.</summary>
    public static string? Cell(DatasetRow row, int column) =>
        column < row.Cells.Count && row.Cells[column] is { } cell ? cell.Text ?? cell.Value : null;

    /// <summary>RFC 4180 quoting with the audit export's guard against cells a spreadsheet would run as formulas; a
    /// plain negative number (-12.50) is data, not a formula, and stays as it is.</summary>
    public static string Field(string? value) => IsNegativeNumber(value) ? value! : AuditCsv.Field(value);

    private static bool IsNegativeNumber(string? value)
    {
        if (value is not { Length: >= 2 } || value[0] != '-')
        {
            return false;
        }

        var dot = false;
        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] == '.' && !dot && i > 1 && i < value.Length - 1)
            {
                dot = true;
            }
            else if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string FileName(string datasetId) => datasetId[33..];
}
