namespace EcomOps.Grains.NetSuite;

/// <summary>Internal ids from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive).</summary>
public sealed record RestletIdRange(long? From, long? To);
