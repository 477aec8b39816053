namespace EcomOps.Grains.NetSuite;

/// <summary>How a NetSuite account id maps to its hosts and OAuth realm: <c>1234567_SB1</c> is realm <c>1234567_SB1</c>
/// and host <c>1234567-sb1.restlets.api.netsuite.com</c>.</summary>
public static class NetSuiteAccount
{
    public static string Realm(string accountId) => Normalize(accountId).ToUpperInvariant();

    public static string RestletHost(string accountId) => $"{HostLabel(accountId)}.restlets.api.netsuite.com";

    public static string SuiteTalkHost(string accountId) => $"{HostLabel(accountId)}.suitetalk.api.netsuite.com";

    /// <summary>Where the account's REST web services and OAuth 2.0 token endpoint live.</summary>
    public static Uri SuiteTalkUrl(string accountId) => new($"https://{SuiteTalkHost(accountId)}/");

    private static string HostLabel(string accountId) => Normalize(accountId).Replace('_', '-').ToLowerInvariant();

    private static string Normalize(string accountId)
    {
        var id = accountId?.Trim() ?? "";
        if (id.Length == 0 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"'{accountId}' is not a NetSuite account id such as 1234567 or 1234567_SB1.", nameof(accountId));
        }

        return id.Replace('-', '_');
    }
}
