namespace EcomOps.Grains.NetSuite;

/// <summary>A synced row: NetSuite's internal id and the cells in column order.</summary>
public sealed record DatasetRow(long Id, IReadOnlyList<DatasetCell> Cells);
