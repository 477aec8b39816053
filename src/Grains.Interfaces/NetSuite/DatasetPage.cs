namespace EcomOps.Grains.NetSuite;

/// <summary>Rows of a synced dataset, the columns they follow, the cursor of the next page (null after the last) and
/// how many rows match the filter (-1 when the query asked for no count).</summary>
public sealed record DatasetPage(IReadOnlyList<DatasetColumn> Columns, IReadOnlyList<DatasetRow> Rows, string? NextCursor, long Matching);
