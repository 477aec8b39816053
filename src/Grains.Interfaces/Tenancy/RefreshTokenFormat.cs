namespace EcomOps.Grains.Tenancy;

/// <summary>Refresh tokens read <c>rt1.{tenant}.{token id}.{secret}</c>: the tenant and id route the token to the
/// grain and row that hold its hash, so no global lookup table is needed.</summary>
public static class RefreshTokenFormat
{
    public static string Format(Guid tenantId, Guid tokenId, string secret) => $"rt1.{tenantId:N}.{tokenId:N}.{secret}";

    public static bool TryParse(string? token, out Guid tenantId, out Guid tokenId, out string secret)
    {
        tenantId = tokenId = Guid.Empty;
        secret = "";
        var parts = token?.Split('.') ?? [];
        if (parts is not ["rt1", var tenant, var id, var value] || value.Length < 20
            || !Guid.TryParseExact(tenant, "N", out tenantId) || !Guid.TryParseExact(id, "N", out tokenId))
        {
            return false;
        }

        secret = value;
        return true;
    }
}
