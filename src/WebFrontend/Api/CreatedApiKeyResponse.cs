using EcomOps.Grains.Tenancy;

namespace EcomOps.WebFrontend.Api;

/// <summary>The new key's secret appears here once and is never shown again.</summary>
public sealed record CreatedApiKeyResponse(ApiKeyInfo Key, string Secret);
