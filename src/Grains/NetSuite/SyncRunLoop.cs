using EcomOps.Grains.Common;

namespace EcomOps.Grains.NetSuite;

/// <summary>A run in progress in this activation: its live progress, and how to stop it.</summary>
internal sealed class SyncRunLoop(long runId, SyncRunInfo? progress)
{
    private readonly CancellationTokenSource stopping = new();

    public long RunId { get; } = runId;

    public CancellationToken Token => stopping.Token;

    /// <summary>The run as of its last committed page; null until a resumed run has read its checkpoint.</summary>
    public SyncRunInfo? Progress { get; set; } = progress;

    public SyncStopReason? StopReason { get; private set; }

    public Actor? StoppedBy { get; private set; }

    public Task Completion { get; set; } = Task.CompletedTask;

    /// <summary>The first reason given wins.</summary>
    public void Stop(SyncStopReason reason, Actor? by)
    {
        if (StopReason is null)
        {
            StopReason = reason;
            StoppedBy = by;
        }

        stopping.Cancel();
    }
}
