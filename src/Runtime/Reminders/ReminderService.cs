using System.Collections.Concurrent;
using EcomOps.Runtime.Invocation;
using EcomOps.Runtime.Activation;
using EcomOps.Runtime.Hosting;
using EcomOps.Runtime.Membership;
using Microsoft.Extensions.Logging;

namespace EcomOps.Runtime.Reminders;

/// <summary>Delivers the due ticks of the reminders whose grains this silo owns. A tick is claimed, delivered as a
/// turn of the grain, and only then is the schedule advanced: a silo dying mid-delivery leaves the claim to expire
/// and the next owner delivers the tick, with every tick missed meanwhile counted into it.</summary>
internal sealed class ReminderService(
    ReminderRegistry registry,
    SiloRuntime runtime,
    MembershipViewSource membership,
    ReminderOptions options,
    TimeSpan responseTimeout,
    ILogger logger) : IAsyncDisposable
{
    private int disposed;
    private static readonly MethodDescriptor ReceiveReminder =
        MethodDescriptor.For(typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminder))!);

    private readonly ConcurrentDictionary<(GrainId, string), Task> delivering = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource aborting = new();
    private Task? loop;

    public void Start() => loop = PollAsync(stopping.Token);

    /// <summary>A crash: ticks being delivered are left claimed, for their leases to expire and the next owner to
    /// deliver them again.</summary>
    public async ValueTask AbortAsync()
    {
        await aborting.CancelAsync();
        await StopAsync(waitForDeliveries: false);
    }

    /// <summary>A graceful stop: no new tick is claimed, and the ones being delivered finish their bookkeeping, so
    /// none stays claimed for a whole lease after the silo has gone.</summary>
    public ValueTask DisposeAsync() => StopAsync(waitForDeliveries: true);

    private async ValueTask StopAsync(bool waitForDeliveries)
    {
        // The container may hand one instance out under several service types and dispose it once for each.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        if (loop is not null)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
            }
        }

        if (waitForDeliveries)
        {
            await Task.WhenAll(delivering.Values);
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                foreach (var (key, delivery) in delivering)
                {
                    if (delivery.IsCompleted)
                    {
                        delivering.TryRemove(key, out _);
                    }
                }

                var due = await registry.ReadDueAsync(TimeSpan.Zero, options.MaxTicksPerPoll, cancellationToken).ConfigureAwait(false);
                var view = membership.Current;
                foreach (var reminder in due)
                {
                    var key = (reminder.Grain, reminder.Name);
                    if (view.Owner(PlacementHash.Of(reminder.Grain)) == runtime.Self && !delivering.ContainsKey(key))
                    {
                        delivering[key] = DeliverAsync(reminder, aborting.Token);
                    }
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Reading due reminders failed; retrying next poll");
            }
        }
    }

    private async Task DeliverAsync(DueReminder reminder, CancellationToken cancellationToken)
    {
        try
        {
            var lease = responseTimeout + options.PollInterval + options.PollInterval;
            if (await registry.TryClaimAsync(reminder, lease, cancellationToken).ConfigureAwait(false) is not { } claimed)
            {
                return;
            }

            var status = new TickStatus(claimed.FirstDue, claimed.Period, claimed.CurrentTickTime, claimed.MissedTicks);
            try
            {
                await runtime.InvokeSystemAsync(reminder.Grain, typeof(IRemindable), ReceiveReminder, [reminder.Name, status], responseTimeout)
                    .ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is SiloUnavailableException or TimeoutException)
            {
                logger.LogWarning(exception, "Reminder {Reminder} of grain {Grain} could not be delivered; retrying", reminder.Name, reminder.Grain);
                await registry.ReleaseAsync(claimed, options.PollInterval, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception exception)
            {
                // The grain got the tick and failed handling it: the tick counts as delivered, as in Orleans.
                logger.LogError(exception, "Reminder {Reminder} of grain {Grain} failed in ReceiveReminder", reminder.Name, reminder.Grain);
            }

            await registry.CompleteAsync(claimed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Reminder {Reminder} of grain {Grain}: bookkeeping failed; the claim will expire and the tick be retried", reminder.Name, reminder.Grain);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
