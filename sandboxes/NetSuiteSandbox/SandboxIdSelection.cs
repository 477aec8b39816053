namespace EcomOps.Sandboxes.NetSuite;

/// <summary>The ids of the rows a query matches, ascending, described rather than listed: runs of generated ids between
/// the few rows changed through the admin API, and those changed rows. Counting and paging cost as much as the number of
/// changes, however many millions of rows match.</summary>
public sealed class SandboxIdSelection
{
    private readonly IReadOnlyList<(long First, long Length)> runs;

    internal SandboxIdSelection(IReadOnlyList<(long First, long Length)> runs)
    {
        this.runs = runs;
        Count = runs.Sum(r => r.Length);
    }

    public long Count { get; }

    /// <summary>At most <paramref name="limit"/> ids, starting with the one at <paramref name="offset"/>.</summary>
    public IEnumerable<long> Page(long offset, int limit)
    {
        var left = limit;
        foreach (var (first, length) in runs)
        {
            if (left == 0)
            {
                yield break;
            }

            if (offset >= length)
            {
                offset -= length;
                continue;
            }

            for (var id = first + offset; id < first + length && left > 0; id++, left--)
            {
                yield return id;
            }

            offset = 0;
        }
    }
}
