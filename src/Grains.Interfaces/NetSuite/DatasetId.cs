namespace EcomOps.Grains.NetSuite;

/// <summary>The id a synced search's data goes by in URLs: "{connection}_{search}", the connection id in "N" format.</summary>
public static class DatasetId
{
    public static string Of(Guid connectionId, string searchId) => $"{connectionId:N}_{searchId}";

    public static bool TryParse(string? id, out Guid connectionId, out string searchId)
    {
        searchId = "";
        if (id is null || id.Length < 34 || id[32] != '_' || !Guid.TryParseExact(id[..32], "N", out connectionId))
        {
            connectionId = Guid.Empty;
            return false;
        }

        searchId = id[33..];
        return SearchIds.IsValid(searchId);
    }
}
