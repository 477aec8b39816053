namespace EcomOps.Grains.Tenancy;

/// <summary>A new tenant and its first Owner.</summary>
public sealed record Registration(string TenantName, string Email, string DisplayName, string Password, string TimeZone);
