using EcomOps.Runtime;

namespace EcomOps.Bench;

public sealed class StateWriterGrain([PersistentState("bench")] IPersistentState<BenchState> state) : Grain, IStateWriterGrain
{
    public Task WriteAsync(int value)
    {
        state.State.Value = value;
        state.State.UpdatedAt = DateTimeOffset.UtcNow;
        return state.WriteStateAsync();
    }
}
