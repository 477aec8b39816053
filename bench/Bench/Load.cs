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

    /// <summary>Issues calls at a fixed rate, not waiting for answers, and returns the latencies in milliseconds.
    /// Nothing is kept per call but one slot of a preallocated array, so the generator adds no garbage that survives.</summary>
    public static async Task<double[]> PacedAsync(double perSecond, TimeSpan duration, Func<long, Task> call)
    {
        var latencies = new double[(int)(perSecond * duration.TotalSeconds * 1.05) + 1024];
        var recorded = -1;
        var outstanding = 1;
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopwatch = Stopwatch.StartNew();
        long issued = 0;

        async void Measure(Task task, long started)
        {
            try
            {
                await task;
            }
            finally
            {
                var slot = Interlocked.Increment(ref recorded);
                if (slot < latencies.Length)
                {
                    latencies[slot] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }

                if (Interlocked.Decrement(ref outstanding) == 0)
                {
                    drained.TrySetResult();
                }
            }
        }

        while (stopwatch.Elapsed < duration)
        {
            var due = (long)(stopwatch.Elapsed.TotalSeconds * perSecond);
            for (; issued < due && issued < latencies.Length; issued++)
            {
                Interlocked.Increment(ref outstanding);
                Measure(call(issued), Stopwatch.GetTimestamp());
            }

            await Task.Delay(1);
        }

        if (Interlocked.Decrement(ref outstanding) > 0)
        {
            await drained.Task;
        }

        var sorted = latencies[..Math.Min(latencies.Length, recorded + 1)];
        Array.Sort(sorted);
        return sorted;
    }

    public static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

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
