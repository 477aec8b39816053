namespace EcomOps.Grains.NetSuite;

/// <summary>One of an account's concurrency slots, held until released or until it expires.</summary>
public sealed record ConcurrencyLease(Guid LeaseId, DateTimeOffset ExpiresAt);
