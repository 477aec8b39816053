namespace EcomOps.Grains.NetSuite;

/// <summary>An audit event the system records in the same transaction as a run's end.</summary>
internal sealed record SyncAudit(string Action, string Target, object Details);
