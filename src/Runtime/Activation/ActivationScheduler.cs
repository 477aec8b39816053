using System.Collections.Concurrent;

namespace EcomOps.Runtime.Activation;

/// <summary>Runs an activation's work one item at a time on the thread pool. Grain code awaits capture it as
/// their synchronization context, so every continuation of every turn comes back here: an activation is
/// single-threaded even when its turns interleave.</summary>
internal sealed class ActivationScheduler(Action<Exception> onUnhandled) : SynchronizationContext, IThreadPoolWorkItem
{
    private const int BatchSize = 128;
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> queue = new();
    private int scheduled;

    public override void Post(SendOrPostCallback d, object? state)
    {
        queue.Enqueue((d, state));
        Schedule();
    }

    /// <summary>Queues work like <see cref="Post"/>, but when nothing of this activation is running and the caller is
    /// not itself inside a grain, runs it at once on the caller's thread: a call from outside (a web request, a silo
    /// endpoint) then costs no thread-pool hop. Turn rules are unchanged; the work still runs under this context.</summary>
    public void PostOrRunInline(SendOrPostCallback d, object? state)
    {
        queue.Enqueue((d, state));
        if (Interlocked.CompareExchange(ref scheduled, 1, 0) != 0)
        {
            return;
        }

        if (Current is null)
        {
            Drain();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("A synchronous Send into a grain activation would block its only thread; await instead.");

    public override SynchronizationContext CreateCopy() => this;

    void IThreadPoolWorkItem.Execute() => Drain();

    private void Drain()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var i = 0; i < BatchSize && queue.TryDequeue(out var item); i++)
            {
                try
                {
                    item.Callback(item.State);
                }
                catch (Exception exception)
                {
                    onUnhandled(exception);
                }
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
            Volatile.Write(ref scheduled, 0);
            if (!queue.IsEmpty)
            {
                Schedule();
            }
        }
    }

    private void Schedule()
    {
        if (Interlocked.CompareExchange(ref scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }
}
