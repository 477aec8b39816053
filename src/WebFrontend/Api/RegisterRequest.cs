namespace EcomOps.WebFrontend.Api;

/// <summary>A new tenant with its first Owner.</summary>
public sealed record RegisterRequest(string? TenantName, string? Email, string? DisplayName, string? Password, string? TimeZone);
