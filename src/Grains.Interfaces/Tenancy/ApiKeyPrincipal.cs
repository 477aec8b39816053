namespace EcomOps.Grains.Tenancy;

public sealed record ApiKeyPrincipal(Guid TenantId, Guid KeyId, string Name, ApiKeyScope Scope);
