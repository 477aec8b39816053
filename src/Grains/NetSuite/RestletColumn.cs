namespace EcomOps.Grains.NetSuite;

/// <summary>A search column as the RESTlet describes it: name, join, summary, label and field type.</summary>
public sealed record RestletColumn(string Name, string? Join, string? Summary, string? Label, string? Type);
