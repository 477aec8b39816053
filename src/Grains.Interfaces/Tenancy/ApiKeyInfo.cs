namespace EcomOps.Grains.Tenancy;

public sealed record ApiKeyInfo(Guid KeyId, string Name, ApiKeyScope Scope, string Prefix, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
