namespace EcomOps.Runtime;

/// <summary>One silo's row in the membership table, with the age of its last heartbeat by the database's clock.</summary>
public sealed record SiloEntry(SiloAddress Address, SiloStatus Status, string HostName, DateTimeOffset StartTime, DateTimeOffset HeartbeatAt, TimeSpan HeartbeatAge);
