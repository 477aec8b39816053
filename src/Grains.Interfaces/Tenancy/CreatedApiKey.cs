namespace EcomOps.Grains.Tenancy;

/// <summary>A new API key and its secret, which is never stored or shown again.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Key, string Secret);
