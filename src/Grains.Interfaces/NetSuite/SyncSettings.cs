namespace EcomOps.Grains.NetSuite;

/// <summary>What a sync is: a display name, how it reads (full or incremental) and when it runs by itself.</summary>
public sealed record SyncSettings(string Name, SyncMode Mode, SyncSchedule Schedule);
