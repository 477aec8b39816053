namespace EcomOps.Grains.NetSuite;

/// <summary>An account's concurrency right now: its limit, slots in use, callers waiting, the most ever in use at once.</summary>
public sealed record AccountConcurrency(int Limit, int InUse, int Waiting, int PeakInUse, long Granted, long Reclaimed);
