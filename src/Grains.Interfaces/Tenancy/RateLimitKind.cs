namespace EcomOps.Grains.Tenancy;

/// <summary>The kinds of call a tenant's plan meters per minute.</summary>
public enum RateLimitKind
{
    Api,
    Mcp,
}
