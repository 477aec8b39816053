namespace EcomOps.Runtime;

/// <summary>One reminder tick. <see cref="MissedTicks"/> counts the ticks that fell due while no silo could deliver
/// them (an outage, a restart): they are coalesced into this one instead of being lost.</summary>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime, int MissedTicks);
