using System.Diagnostics;
using EcomOps.Sandboxes.NetSuite;

namespace EcomOps.Grains.Tests.NetSuite;

/// <summary>The sandbox's data sets answer queries over millions of rows without listing them, and agree with a
/// row-by-row reading once rows have been changed.</summary>
public sealed class SandboxDataSetTests
{
    private static readonly DateTimeOffset GeneratedAt = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CountsAndPagesTenMillionRowsWithoutListingThem()
    {
        var customers = new SandboxCatalog(10_000_000, GeneratedAt).DataSets["customer"];
        customers.Delete(9_999_990);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var all = customers.Select(null, null, null);
        var tail = all.Page(9_999_985, 10).ToList();
        var window = customers.Select(null, 5_000_001, 5_000_101);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1_000_000, "a query must not allocate per row");
        Assert.Equal(9_999_999, all.Count);
        Assert.Equal([9_999_986, 9_999_987, 9_999_988, 9_999_989, 9_999_991, 9_999_992, 9_999_993, 9_999_994, 9_999_995, 9_999_996], tail);
        Assert.Equal(100, window.Count);
        Assert.Equal([5_000_001L, 5_000_002L], window.Page(0, 2));
    }

    [Fact]
    public void AgreesWithReadingEveryRowAfterChanges()
    {
        var items = new SandboxCatalog(200, GeneratedAt).DataSets["item"];
        var changedAt = GeneratedAt.AddMinutes(5);
        foreach (var id in new long[] { 1, 50, 51, 120, 200 })
        {
            items.Delete(id);
        }

        foreach (var id in new long[] { 3, 60, 199 })
        {
            items.Update(id, changedAt);
        }

        items.Add(changedAt);
        items.Add(changedAt);

        foreach (var (after, from, to) in new (DateTimeOffset?, long?, long?)[]
        {
            (null, null, null), (null, 40, 130), (GeneratedAt.AddMinutes(-30), null, null), (GeneratedAt.AddMinutes(-30.5), 150, null),
            (GeneratedAt.AddMinutes(1), null, null), (null, 201, null), (null, null, 1), (GeneratedAt.AddMinutes(-1000), 10, 20),
        })
        {
            var expected = Enumerable.Range(1, 202).Select(i => (long)i)
                .Where(id => id >= (from ?? 1) && id < (to ?? long.MaxValue) && items.Find(id) is { } row && (after is null || row.LastModified >= after))
                .ToList();
            var selection = items.Select(after, from, to);

            Assert.Equal(expected.Count, selection.Count);
            Assert.Equal(expected, selection.Page(0, 1000));
            Assert.Equal(expected.Skip(7).Take(9), selection.Page(7, 9));
        }
    }
}
