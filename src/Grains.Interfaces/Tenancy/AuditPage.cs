namespace EcomOps.Grains.Tenancy;

/// <summary>One page of audit events and the cursor of the next, null on the last page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Events, long? NextBefore);
