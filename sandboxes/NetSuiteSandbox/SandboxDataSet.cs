using System.Collections.Concurrent;
using System.Globalization;
using EcomOps.Grains.NetSuite;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>A record type's rows. Rows 1..size are computed from their id on demand, so millions of rows cost nothing
/// until read; changes made through the admin API overlay them (updated, deleted and added rows). Queries are answered
/// as <see cref="SandboxIdSelection"/>s, which never list the matching ids.</summary>
public sealed class SandboxDataSet(string recordType, IReadOnlyList<RestletColumn> columns, long size, DateTimeOffset generatedAt)
{
    private readonly ConcurrentDictionary<long, SandboxRecord?> overlay = new();
    private long nextId = size + 1;

    public string RecordType { get; } = recordType;

    public IReadOnlyList<RestletColumn> Columns { get; } = columns;

    /// <summary>The live rows modified on or after <paramref name="modifiedAfter"/> with <paramref name="fromId"/> &lt;= id
    /// &lt; <paramref name="toId"/>. Generated rows are chosen by arithmetic on their ids (they were modified one a
    /// minute, in id order); only changed rows are looked at one by one.</summary>
    public SandboxIdSelection Select(DateTimeOffset? modifiedAfter, long? fromId, long? toId)
    {
        var first = Math.Max(1, fromId ?? 1);
        var last = Math.Min(Interlocked.Read(ref nextId) - 1, (toId ?? long.MaxValue) - 1);
        var generatedLast = Math.Min(last, size);
        var cursor = Math.Max(first, modifiedAfter is { } after ? size - (long)Math.Floor((generatedAt - after).TotalMinutes) : 1);
        var runs = new List<(long First, long Length)>();
        foreach (var (id, record) in overlay.Where(o => o.Key >= first && o.Key <= last).OrderBy(o => o.Key))
        {
            // The generated rows below this changed one come first; the generated row of this id itself is replaced.
            var end = Math.Min(id - 1, generatedLast);
            if (end >= cursor)
            {
                runs.Add((cursor, end - cursor + 1));
            }

            cursor = Math.Max(cursor, id + 1);
            if (record is not null && (modifiedAfter is null || record.LastModified >= modifiedAfter))
            {
                runs.Add((id, 1));
            }
        }

        if (generatedLast >= cursor)
        {
            runs.Add((cursor, generatedLast - cursor + 1));
        }

        return new SandboxIdSelection(runs);
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
        return updated;
    }

    public void Delete(long id) => overlay[id] = null;

    public SandboxRecord Add(DateTimeOffset now)
    {
        var id = Interlocked.Increment(ref nextId) - 1;
        var record = Generate(id) with { LastModified = now };
        overlay[id] = record;
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
