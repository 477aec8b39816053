using EcomOps.Runtime;

namespace EcomOps.Runtime.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    /// <summary>Starts the reminder with each tick taking <paramref name="handling"/> to handle.</summary>
    Task StartSlowAsync(TimeSpan period, TimeSpan handling);

    Task StopAsync();

    Task<List<TickRecord>> GetTicksAsync();

    Task<List<string>> ListRemindersAsync();
}
