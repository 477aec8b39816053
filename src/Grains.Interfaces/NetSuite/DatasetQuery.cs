namespace EcomOps.Grains.NetSuite;

/// <summary>A page of a synced dataset. <see cref="SortColumn"/> is a column index (null: internal id);
/// <see cref="Filter"/> matches cells containing the text, in <see cref="FilterColumn"/> or any column;
/// <see cref="Cursor"/> is the <see cref="DatasetPage.NextCursor"/> of the previous page (keyset paging). Without
/// <see cref="CountMatching"/> a filtered page is not counted (<see cref="DatasetPage.Matching"/> is -1): an export
/// that reads every page needs no count.</summary>
public sealed record DatasetQuery(int Limit = 50, string? Cursor = null, int? SortColumn = null, bool Descending = false, string? Filter = null, int? FilterColumn = null, bool CountMatching = true);
