namespace EcomOps.Grains.NetSuite;

/// <summary>One SuiteQL result row: column name to value, as text (a number or boolean NetSuite sends unquoted keeps its
/// JSON spelling). NetSuite leaves null columns out of a row, and so does this.</summary>
public sealed record SuiteQlRow(IReadOnlyDictionary<string, string> Values)
{
    public string? this[string column] => Values.GetValueOrDefault(column);
}
