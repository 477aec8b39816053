namespace EcomOps.TestingHost;

/// <summary>Polls a condition the cluster reaches asynchronously (failure detection, reminders), failing with a
/// description of what was last seen.</summary>
public static class Eventually
{
    public static async Task<T> ReachesAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (condition(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}; last seen: {last}");
            }

            await Task.Delay(50);
        }
    }
}
