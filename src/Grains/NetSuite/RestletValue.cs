namespace EcomOps.Grains.NetSuite;

/// <summary>One cell: the raw value and, for select fields, the display text.</summary>
public sealed record RestletValue(string? Value, string? Text);
