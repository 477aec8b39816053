namespace EcomOps.Runtime.Hosting;

/// <summary>Membership and failure detection (configuration section "Membership").</summary>
public sealed class MembershipOptions
{
    /// <summary>How often a silo writes its heartbeat and checks its peers' heartbeats. Default 2 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A silo whose heartbeat is older than this, by the database's clock, is declared dead. Default 10 s.</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a silo or client re-reads the table besides the notifications it gets on every change. Default 5 s.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Rows of silos dead for longer than this are deleted. Default 1 day.</summary>
    public TimeSpan DefunctSiloCleanupAge { get; set; } = TimeSpan.FromDays(1);
}
