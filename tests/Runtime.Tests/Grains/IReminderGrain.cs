using EcomOps.Runtime;

namespace EcomOps.Runtime.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    Task StopAsync();

    Task<List<TickRecord>> GetTicksAsync();

    Task<List<string>> ListRemindersAsync();
}
