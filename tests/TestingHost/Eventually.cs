using System.Collections;
using EcomOps.Runtime;

namespace EcomOps.TestingHost;

/// <summary>Polls a condition the cluster reaches asynchronously (failure detection, reminders), failing with a
/// description of what was last seen. A probe that finds its silo gone (a call sent just as a killed silo's
/// connection dropped) has not seen the condition yet and polls again, as a caller would retry.</summary>
public static class Eventually
{
    public static async Task<T> ReachesAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        string lastSeen;
        while (true)
        {
            try
            {
                var last = await probe();
                if (condition(last))
                {
                    return last;
                }

                lastSeen = Describe(last);
            }
            catch (SiloUnavailableException exception)
            {
                lastSeen = exception.Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}; last seen: {lastSeen}");
            }

            await Task.Delay(50);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        string text => text,
        ICollection items => $"{items.Count} items: {string.Join(", ", items.Cast<object?>().Take(20))}",
        _ => value.ToString() ?? "",
    };
}
