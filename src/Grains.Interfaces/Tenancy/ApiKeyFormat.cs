namespace EcomOps.Grains.Tenancy;

/// <summary>API keys read <c>eok_{tenant}_{key id}_{secret}</c>; the prefix shown in lists is <c>eok_</c> and the
/// first eight characters of the key id, enough to tell keys apart and nothing to authenticate with.</summary>
public static class ApiKeyFormat
{
    public static string Format(Guid tenantId, Guid keyId, string secret) => $"eok_{tenantId:N}_{keyId:N}_{secret}";

    public static string Prefix(Guid keyId) => $"eok_{keyId:N}"[..12];

    public static bool TryParse(string? value, out Guid tenantId, out Guid keyId, out string secret)
    {
        tenantId = keyId = Guid.Empty;
        secret = "";
        if (value is null || !value.StartsWith("eok_", StringComparison.Ordinal) || value.Length < 4 + 32 + 1 + 32 + 1 + 20)
        {
            return false;
        }

        var tenant = value.AsSpan(4, 32);
        var key = value.AsSpan(4 + 32 + 1, 32);
        if (value[4 + 32] != '_' || value[4 + 32 + 1 + 32] != '_' || !Guid.TryParseExact(tenant, "N", out tenantId) || !Guid.TryParseExact(key, "N", out keyId))
        {
            return false;
        }

        secret = value[(4 + 32 + 1 + 32 + 1)..];
        return true;
    }
}
