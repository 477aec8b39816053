namespace EcomOps.Grains.Tenancy;

/// <summary>A user of a tenant, as others see them (no secrets).</summary>
public sealed record Member(Guid UserId, string Email, string DisplayName, Role Role, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil);
