using System.Diagnostics;

namespace EcomOps.Bench;

/// <summary>Closed-loop and paced load generators.</summary>
public static class Load
{
    /// <summary>Runs <paramref name="callers"/> loops for a warm-up and then a measured period; returns calls per second.</summary>
    public static async Task<double> ClosedLoopAsync(int callers, TimeSpan duration, Func<int, long, Task> call)
    {
        await RunAsync(callers, TimeSpan.FromSeconds(1), call);
        return await RunAsync(callers, duration, call) / duration.TotalSeconds;
    }

    /// <summary>Issues calls at a fixed rate, not waiting for answers, and returns the latencies in milliseconds.</summary>
    public static async Task<double[]> PacedAsync(double perSecond, TimeSpan duration, Func<long, Task> call)
    {
        var latencies = new List<double>();
        var pending = new List<Task>();
        var stopwatch = Stopwatch.StartNew();
        long issued = 0;
        while (stopwatch.Elapsed < duration)
        {
            var due = (long)(stopwatch.Elapsed.TotalSeconds * perSecond);
            for (; issued < due; issued++)
            {
                var started = Stopwatch.GetTimestamp();
                var n = issued;
                pending.Add(Measure(call(n), started, latencies));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(pending);
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    public static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static async Task Measure(Task call, long started, List<double> latencies)
    {
        await call;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        lock (latencies)
        {
            latencies.Add(elapsed);
        }
    }

    private static async Task<long> RunAsync(int callers, TimeSpan duration, Func<int, long, Task> call)
    {
        long total = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            long count = 0;
            while (stop.Elapsed < duration)
            {
                await call(caller, count);
                count++;
            }

            Interlocked.Add(ref total, count);
        })));
        return total;
    }
}
