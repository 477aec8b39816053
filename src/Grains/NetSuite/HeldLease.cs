namespace EcomOps.Grains.NetSuite;

public sealed record HeldLease(string Holder, DateTimeOffset ExpiresAt);
