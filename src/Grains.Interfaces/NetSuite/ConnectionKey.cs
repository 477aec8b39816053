namespace EcomOps.Grains.NetSuite;

/// <summary>Connection grains are keyed "{tenant}/{connection}", both ids in "N" format.</summary>
public static class ConnectionKey
{
    public static string Of(Guid tenantId, Guid connectionId) => $"{tenantId:N}/{connectionId:N}";

    public static (Guid TenantId, Guid ConnectionId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && Guid.TryParseExact(key[..slash], "N", out var tenant) && Guid.TryParseExact(key[(slash + 1)..], "N", out var connection)
            ? (tenant, connection)
            : throw new ArgumentException($"'{key}' is not a connection key of the form tenant/connection.", nameof(key));
    }
}
