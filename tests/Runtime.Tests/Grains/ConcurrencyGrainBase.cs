using EcomOps.Runtime;

namespace EcomOps.Runtime.Tests.Grains;

public abstract class ConcurrencyGrainBase : Grain, IConcurrencyGrain
{
    private readonly List<int> items = [];
    private int running;
    private int max;

    public async Task<int> WorkAsync(int milliseconds)
    {
        running++;
        max = Math.Max(max, running);
        await Task.Delay(milliseconds);
        running--;
        return max;
    }

    public Task<int> RunningNowAsync() => Task.FromResult(running);

    public Task<int> MaxConcurrencyAsync() => Task.FromResult(max);

    public async Task<int> AppendManyAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            items.Add(i);
            await Task.Yield();
        }

        return items.Count;
    }
}
