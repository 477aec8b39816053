using EcomOps.Runtime;
using Microsoft.Extensions.Logging;

namespace EcomOps.Silo.Tests;

public sealed class TalkativeGrain(ILogger<TalkativeGrain> logger) : Grain, ITalkativeGrain
{
    public async Task SayAsync(string text)
    {
        // After an await, on a continuation: the context must still be there.
        await Task.Yield();
        logger.LogInformation("Said {Text}", text);
    }
}
