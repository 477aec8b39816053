using System.Collections.Concurrent;
using System.Globalization;
using EcomOps.Grains.NetSuite;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>A record type's rows. Rows 1..size are computed from their id on demand, so millions of rows cost nothing
/// until read; changes made through the admin API overlay them (updated, deleted and added rows).</summary>
public sealed class SandboxDataSet(string recordType, IReadOnlyList<RestletColumn> columns, long size, DateTimeOffset generatedAt)
{
    private readonly ConcurrentDictionary<long, SandboxRecord?> overlay = new();
    private readonly ConcurrentDictionary<(int, DateTimeOffset?, long?, long?), long[]> recentQueries = new();
    private long nextId = size + 1;
    private int version;

    public string RecordType { get; } = recordType;

    public IReadOnlyList<RestletColumn> Columns { get; } = columns;

    public int Version => Volatile.Read(ref version);

    /// <summary>Ids of the live rows matching the filters, ascending. Generated rows are chosen by arithmetic on their
    /// ids; only changed rows are looked at one by one. Recent answers are kept, as a paged run asks for the same
    /// query once per page.</summary>
    public long[] MatchingIds(DateTimeOffset? modifiedAfter, long? fromId, long? toId)
    {
        var key = (Version, modifiedAfter, fromId, toId);
        if (recentQueries.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var first = Math.Max(1, fromId ?? 1);
        var last = Math.Min(Interlocked.Read(ref nextId) - 1, (toId ?? long.MaxValue) - 1);
        var firstGenerated = modifiedAfter is { } after
            ? Math.Max(1, size - (long)Math.Floor((generatedAt - after).TotalMinutes))
            : 1;
        var ids = new List<long>((int)Math.Clamp(Math.Min(last, size) - Math.Max(first, firstGenerated) + 1, 0, 10_000_000));
        for (var id = Math.Max(first, firstGenerated); id <= Math.Min(last, size); id++)
        {
            if (!overlay.ContainsKey(id))
            {
                ids.Add(id);
            }
        }

        var changed = overlay.Where(o => o.Value is { } record && o.Key >= first && o.Key <= last && (modifiedAfter is null || record.LastModified >= modifiedAfter)).Select(o => o.Key).ToList();
        if (changed.Count > 0)
        {
            ids.AddRange(changed);
            ids.Sort();
        }

        var result = ids.ToArray();
        if (recentQueries.Count > 16)
        {
            recentQueries.Clear();
        }

        recentQueries[key] = result;
        return result;
    }

    public SandboxRecord? Find(long id)
    {
        if (overlay.TryGetValue(id, out var changed))
        {
            return changed;
        }

        return id >= 1 && id <= size ? Generate(id) : null;
    }

    public SandboxRecord Update(long id, DateTimeOffset now)
    {
        var current = Find(id) ?? throw new KeyNotFoundException($"No {RecordType} {id}.");
        var fields = current.Fields.ToDictionary(f => f.Key, f => f.Value);
        fields[Columns[0].Name] = fields[Columns[0].Name] + " (edited)";
        var updated = new SandboxRecord(id, fields, now);
        overlay[id] = updated;
        Interlocked.Increment(ref version);
        return updated;
    }

    public void Delete(long id)
    {
        overlay[id] = null;
        Interlocked.Increment(ref version);
    }

    public SandboxRecord Add(DateTimeOffset now)
    {
        var id = Interlocked.Increment(ref nextId) - 1;
        var record = Generate(id) with { LastModified = now };
        overlay[id] = record;
        Interlocked.Increment(ref version);
        return record;
    }

    /// <summary>A row from its id alone: the same id always gives the same row. Rows are modified in id order, one a
    /// minute, ending at the moment the data set was made.</summary>
    private SandboxRecord Generate(long id)
    {
        var fields = new Dictionary<string, string?>(Columns.Count);
        foreach (var column in Columns)
        {
            fields[column.Name] = column.Type switch
            {
                "currency" => ((id * 7919 % 100_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture),
                "select" => (id % 500 + 1).ToString(CultureInfo.InvariantCulture),
                "email" => $"contact{id}@example.com",
                "datetime" => null,
                _ => $"{RecordType.ToUpperInvariant()}-{id}",
            };
        }

        return new SandboxRecord(id, fields, generatedAt - TimeSpan.FromMinutes(size - Math.Min(id, size)));
    }
}
