namespace EcomOps.Grains.Tenancy;

/// <summary>Filters over the audit trail, newest first; <see cref="Before"/> is the keyset cursor (an event id).</summary>
public sealed record AuditQuery(string? Actor, string? Action, string? Target, DateTimeOffset? From, DateTimeOffset? To, long? Before, int Limit);
