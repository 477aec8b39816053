using EcomOps.Runtime;
using EcomOps.Runtime.Hosting;

namespace EcomOps.Runtime.Tests.Grains;

/// <summary>Records every reminder tick in its persisted state, so the record survives failover.</summary>
public sealed class ReminderGrain([PersistentState("ticks")] IPersistentState<ReminderLog> log, Silo silo) : Grain, IReminderGrain, IRemindable
{
    private const string Name = "tick";

    public Task StartAsync(TimeSpan period) => RegisterOrUpdateReminder(Name, period, period);

    public async Task StartSlowAsync(TimeSpan period, TimeSpan handling)
    {
        log.State.Handling = handling;
        await log.WriteStateAsync();
        await RegisterOrUpdateReminder(Name, period, period);
    }

    public async Task StopAsync()
    {
        if (await GetReminder(Name) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    public Task<List<TickRecord>> GetTicksAsync() => Task.FromResult(log.State.Ticks);

    public async Task<List<string>> ListRemindersAsync() => (await GetReminders()).Select(r => r.ReminderName).ToList();

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await Task.Delay(log.State.Handling);
        log.State.Ticks.Add(new TickRecord(DateTimeOffset.UtcNow, status.CurrentTickTime, status.MissedTicks, silo.Address.ToString()));
        await log.WriteStateAsync();
    }
}
