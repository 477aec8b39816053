using System.Globalization;
using System.Text.Json;

namespace EcomOps.Grains.NetSuite;

/// <summary>A page of rows ready for COPY: internal ids parsed and values serialized, so that work can happen off the
/// thread that writes to the database.</summary>
public sealed class StagedRows
{
    private StagedRows(long[] ids, string[] values)
    {
        Ids = ids;
        Values = values;
    }

    public IReadOnlyList<long> Ids { get; }

    public IReadOnlyList<string> Values { get; }

    public int Count => Ids.Count;

    public static StagedRows From(IReadOnlyList<RestletRow> rows)
    {
        var ids = new long[rows.Count];
        var values = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            ids[i] = long.Parse(rows[i].Id ?? throw new InvalidDataException("A summary search row has no internal id and cannot be synced by id."), CultureInfo.InvariantCulture);
            values[i] = JsonSerializer.Serialize(rows[i].Values, RestletJson.Options);
        }

        return new StagedRows(ids, values);
    }
}
