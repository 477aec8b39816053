using System.Collections.Concurrent;

namespace EcomOps.Runtime.Invocation;

/// <summary>Fails calls whose response did not arrive by their deadline. A sweep, not a timer per call:
/// the hot path only enqueues, and each sweep drops completed calls and keeps the ones still waiting.</summary>
internal sealed class CallTracker : IAsyncDisposable
{
    private int disposed;
    /// <summary>Short, because a completed call stays reachable until the next sweep: at hundreds of thousands of
    /// calls a second, a long interval keeps enough of them alive to make every gen0 collection expensive.</summary>
    public static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentQueue<GrainRequest> pending = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task sweeper;

    public CallTracker(TimeSpan sweepInterval)
    {
        sweeper = SweepAsync(sweepInterval);
    }

    public void Track(GrainRequest request) => pending.Enqueue(request);

    public async ValueTask DisposeAsync()
    {
        // The container may hand one instance out under several service types and dispose it once for each.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        try
        {
            await sweeper;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private async Task SweepAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
        {
            Sweep();
        }
    }

    private void Sweep()
    {
        var now = Environment.TickCount64;
        for (var count = pending.Count; count > 0 && pending.TryDequeue(out var request); count--)
        {
            if (request.Sink.Task.IsCompleted)
            {
                continue;
            }

            if (now > request.DeadlineMs)
            {
                request.Sink.TryFail(request.TimeoutError(null));
                continue;
            }

            pending.Enqueue(request);
        }
    }
}
