namespace EcomOps.Grains.Tenancy;

/// <summary>The parts of a tenant's profile its Owners and Admins edit.</summary>
public sealed record TenantSettings(string Name, string TimeZone, GovernancePolicy Governance);
