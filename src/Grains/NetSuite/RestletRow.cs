namespace EcomOps.Grains.NetSuite;

/// <summary>One result row: its internal id (null in summary searches) and values in column order.</summary>
public sealed record RestletRow(string? Id, IReadOnlyList<RestletValue> Values);
