namespace EcomOps.Grains.NetSuite;

/// <summary>Which synced data set: a tenant's connection's saved search.</summary>
public sealed record DatasetKey(Guid TenantId, Guid ConnectionId, string SearchId);
