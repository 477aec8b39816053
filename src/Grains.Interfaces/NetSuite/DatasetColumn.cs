namespace EcomOps.Grains.NetSuite;

/// <summary>A column of a synced search: NetSuite's name, join and summary, its label and field type.</summary>
public sealed record DatasetColumn(string Name, string? Join, string? Summary, string? Label, string? Type)
{
    /// <summary>What the column is called in tables and CSV headers.</summary>
    public string Title => string.IsNullOrWhiteSpace(Label) ? (Join is null ? Name : $"{Join}.{Name}") : Label;
}
