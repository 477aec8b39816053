using EcomOps.Runtime.Activation;
using Microsoft.Extensions.Logging;

namespace EcomOps.Runtime.Timers;

internal sealed class GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, bool interleave) : IGrainTimer
{
    private readonly Lock gate = new();
    private CancellationTokenSource? loop;
    private TaskCompletionSource? tick;

    public bool Interleave { get; } = interleave;

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        if (period != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        }

        CancellationTokenSource next;
        lock (gate)
        {
            Cancel();
            loop = next = new CancellationTokenSource();
        }

        _ = RunAsync(dueTime, period, next.Token);
    }

    public void Dispose()
    {
        Stop();
        activation.RemoveTimer(this);
    }

    public void Stop()
    {
        lock (gate)
        {
            Cancel();
        }
    }

    /// <summary>The tick could not run (the activation is going away): the loop moves on.</summary>
    public void TickSkipped() => tick?.TrySetResult();

    public async Task InvokeCallbackAsync()
    {
        var token = loop?.Token ?? new CancellationToken(true);
        try
        {
            if (!token.IsCancellationRequested)
            {
                await callback(token);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
        {
            activation.Catalog.Logger.LogError(exception, "Timer callback of grain {Grain} failed", activation.Id);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            tick?.TrySetResult();
        }
    }

    private void Cancel()
    {
        loop?.Cancel();
        loop?.Dispose();
        loop = null;
        tick?.TrySetResult();
    }

    private async Task RunAsync(TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(dueTime, cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                tick = done;
                activation.EnqueueTimerTick(this);
                await done.Task.ConfigureAwait(false);
                if (period == Timeout.InfiniteTimeSpan)
                {
                    return;
                }

                await Task.Delay(period, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
