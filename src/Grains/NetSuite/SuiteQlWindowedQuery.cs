using System.Globalization;

namespace EcomOps.Grains.NetSuite;

/// <summary>A query to walk in windows of internal id, given in parts so that each window can add its own lower bound:
/// <c>SELECT {Select} FROM {From} WHERE ({Where}) AND {IdColumn} &gt; {last id} ORDER BY {IdColumn}</c>. The select
/// must include the id column.</summary>
public sealed record SuiteQlWindowedQuery(string Select, string From, string? Where = null, string IdColumn = "id")
{
    /// <summary>The name the id column has in result rows: NetSuite names a column without its table alias.</summary>
    public string IdName => IdColumn[(IdColumn.LastIndexOf('.') + 1)..];

    public string After(long lastId)
    {
        var bound = $"{IdColumn} > {lastId.ToString(CultureInfo.InvariantCulture)}";
        return $"SELECT {Select} FROM {From} WHERE {(Where is null ? bound : $"({Where}) AND {bound}")} ORDER BY {IdColumn}";
    }
}
