namespace EcomOps.Grains.NetSuite;

/// <summary>Saved-search sync grains are keyed "{tenant}/{connection}/{search}", the ids in "N" format.</summary>
public static class SyncKey
{
    public static string Of(Guid tenantId, Guid connectionId, string searchId) => $"{tenantId:N}/{connectionId:N}/{searchId}";

    public static (Guid TenantId, Guid ConnectionId, string SearchId) Parse(string key)
    {
        var parts = key.Split('/', 3);
        return parts.Length == 3 && Guid.TryParseExact(parts[0], "N", out var tenant) && Guid.TryParseExact(parts[1], "N", out var connection) && parts[2].Length > 0
            ? (tenant, connection, parts[2])
            : throw new ArgumentException($"'{key}' is not a sync key of the form tenant/connection/search.", nameof(key));
    }
}
