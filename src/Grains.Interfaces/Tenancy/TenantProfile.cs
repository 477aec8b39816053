namespace EcomOps.Grains.Tenancy;

public sealed record TenantProfile(
    Guid TenantId,
    string Name,
    Plan Plan,
    DateTimeOffset? TrialExpiresAt,
    string TimeZone,
    DateTimeOffset CreatedAt,
    GovernancePolicy Governance,
    Entitlements Entitlements);
