namespace EcomOps.Grains.NetSuite;

/// <summary>What writing one page did: rows new to the data set, rows whose values changed, rows unchanged.</summary>
public sealed record PageWriteResult(int Inserted, int Updated, int Unchanged);
