using EcomOps.Runtime.Activation;
using EcomOps.Runtime.Reminders;
using EcomOps.Runtime.Timers;

namespace EcomOps.Runtime;

/// <summary>Base class of every grain. The runtime creates instances; code gets references through <see cref="IGrainFactory"/>.</summary>
public abstract class Grain
{
    private readonly ActivationData activation;

    protected Grain()
    {
        activation = ActivationData.Constructing
            ?? throw new InvalidOperationException("Grains are created by the runtime; get a reference with IGrainFactory.GetGrain instead.");
    }

    public GrainId GrainId => activation.Id;

    /// <summary>A factory for calling other grains from this one.</summary>
    protected IGrainFactory GrainFactory => activation.Catalog.Runtime;

    public string GetPrimaryKeyString() => activation.Id.Key;

    /// <summary>Runs before the first call, after persistent state has loaded.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs when the activation goes away gracefully; never on a crash, so nothing may depend on it.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn ends.</summary>
    protected void DeactivateOnIdle() => activation.RequestDeactivation(DeactivationReason.ApplicationRequested);

    /// <summary>Registers a durable reminder, or changes the schedule of an existing one. The first tick comes
    /// after <paramref name="dueTime"/>, then one every <paramref name="period"/>, on whichever silo owns the grain.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Reminders.RegisterOrUpdateAsync(Remindable(), reminderName, dueTime, period, CancellationToken.None);

    protected Task UnregisterReminder(IGrainReminder reminder) =>
        Reminders.UnregisterAsync(activation.Id, reminder.ReminderName, CancellationToken.None);

    protected Task<IGrainReminder?> GetReminder(string reminderName) =>
        Reminders.GetAsync(activation.Id, reminderName, CancellationToken.None);

    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() =>
        Reminders.ListAsync(activation.Id, CancellationToken.None);

    /// <summary>Starts an in-memory timer whose ticks are turns of this activation. The period counts from the end
    /// of each tick, so ticks never overlap; the timer ends with the activation and does not keep it alive.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(options);
        var timer = new GrainTimer(activation, callback, options.Interleave);
        activation.AddTimer(timer);
        timer.Change(options.DueTime, options.Period);
        return timer;
    }

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        RegisterGrainTimer(callback, new GrainTimerCreationOptions { DueTime = dueTime, Period = period });

    private ReminderRegistry Reminders => activation.Catalog.Runtime.Reminders;

    private GrainId Remindable() =>
        this is IRemindable
            ? activation.Id
            : throw new InvalidOperationException($"{GetType().Name} registers a reminder but does not implement IRemindable.");
}
