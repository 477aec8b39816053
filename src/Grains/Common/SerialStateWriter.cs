using EcomOps.Runtime;

namespace EcomOps.Grains.Common;

/// <summary>Writes a grain's state one write at a time. Grains whose turns interleave (reentrant grains, grains with
/// a background loop) would otherwise start a second write before the first has its new etag, and fail it.</summary>
internal sealed class SerialStateWriter<T>(IPersistentState<T> state)
    where T : class, new()
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task WriteAsync()
    {
        await gate.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            gate.Release();
        }
    }
}
