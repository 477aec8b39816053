using EcomOps.Runtime;

namespace EcomOps.Runtime.Tests.Grains;

public sealed class LifecycleGrain([PersistentState("lifecycle")] IPersistentState<LifecycleState> state) : Grain, ILifecycleGrain
{
    private int ticks;
    private int inTick;
    private int maxOverlap;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State.Activations++;
        await state.WriteStateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        state.State.Deactivations.Add(reason.ToString());
        await state.WriteStateAsync(cancellationToken);
    }

    public Task<List<string>> GetDeactivationsAsync() => Task.FromResult(state.State.Deactivations);

    public Task<int> GetActivationCountAsync() => Task.FromResult(state.State.Activations);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task StartSlowTimerAsync(TimeSpan period, TimeSpan callbackDuration)
    {
        RegisterGrainTimer(async _ =>
        {
            inTick++;
            maxOverlap = Math.Max(maxOverlap, inTick);
            await Task.Delay(callbackDuration);
            ticks++;
            inTick--;
        }, TimeSpan.Zero, period);
        return Task.CompletedTask;
    }

    public Task<(int Ticks, int MaxOverlap)> GetTimerStatsAsync() => Task.FromResult((ticks, maxOverlap));
}
