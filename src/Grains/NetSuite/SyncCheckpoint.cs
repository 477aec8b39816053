namespace EcomOps.Grains.NetSuite;

/// <summary>A run as recorded, with where it resumes: after internal id <see cref="AfterId"/> (null: from the start),
/// reading rows modified on or after <see cref="ModifiedAfter"/> (null: all rows).</summary>
internal sealed record SyncCheckpoint(SyncRunInfo Info, long? AfterId, DateTimeOffset? ModifiedAfter);
