namespace EcomOps.Grains.NetSuite;

/// <summary>A synced value: raw, and the display text of select fields.</summary>
public sealed record DatasetCell(string? Value, string? Text);
