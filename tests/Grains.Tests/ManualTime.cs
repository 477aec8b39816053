namespace EcomOps.Grains.Tests;

/// <summary>A clock that moves only when told to.</summary>
public sealed class ManualTime : TimeProvider
{
    private long ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => ticks;

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(ticks);

    public void Advance(TimeSpan by) => ticks += by.Ticks;
}
