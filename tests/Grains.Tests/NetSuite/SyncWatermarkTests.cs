using EcomOps.Grains.NetSuite;

namespace EcomOps.Grains.Tests.NetSuite;

public sealed class SyncWatermarkTests
{
    private static readonly DateTimeOffset Mark = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnIncrementalRunWithoutAWatermarkRunsFull()
    {
        Assert.Equal(SyncMode.Full, SyncWatermark.EffectiveMode(SyncMode.Incremental, null));
        Assert.Equal(SyncMode.Incremental, SyncWatermark.EffectiveMode(SyncMode.Incremental, Mark));
        Assert.Equal(SyncMode.Full, SyncWatermark.EffectiveMode(SyncMode.Full, Mark));
    }

    [Fact]
    public void AnIncrementalRunReadsFromTheWatermarkLessTheOverlapAndAFullRunReadsEverything()
    {
        Assert.Equal(Mark.AddMinutes(-10), SyncWatermark.ModifiedAfter(SyncMode.Incremental, Mark, TimeSpan.FromMinutes(10)));
        Assert.Null(SyncWatermark.ModifiedAfter(SyncMode.Full, Mark, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void OnlyASuccessfulRunMovesTheWatermarkToItsStart()
    {
        var started = Mark.AddHours(1);
        Assert.Equal(started, SyncWatermark.After(Mark, SyncRunStatus.Succeeded, started));
        Assert.Equal(Mark, SyncWatermark.After(Mark, SyncRunStatus.Failed, started));
        Assert.Equal(Mark, SyncWatermark.After(Mark, SyncRunStatus.Cancelled, started));
        Assert.Null(SyncWatermark.After(null, SyncRunStatus.Failed, started));
    }
}
