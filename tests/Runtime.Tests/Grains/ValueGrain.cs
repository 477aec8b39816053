using EcomOps.Runtime;

namespace EcomOps.Runtime.Tests.Grains;

public sealed class ValueGrain([PersistentState("value")] IPersistentState<ValueState> state) : Grain, IValueGrain
{
    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        state.State.History.Add(value);
        await state.WriteStateAsync();
    }

    public Task<ValueSnapshot> ReadAsync() =>
        Task.FromResult(new ValueSnapshot(state.State.Value, state.Etag, state.RecordExists, state.State.History));

    public Task ClearAsync() => state.ClearStateAsync();
}
