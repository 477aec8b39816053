namespace EcomOps.Grains.Tenancy;

/// <summary>A refresh token for a member (the only time its value exists outside a hash).</summary>
public sealed record IssuedRefreshToken(string Token, DateTimeOffset ExpiresAt, Guid TenantId, Member Member);
