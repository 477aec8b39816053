using System.Text.Json;
using EcomOps.Grains.Security;

namespace EcomOps.Grains.NetSuite;

/// <summary>Where a connection points and its credentials, still encrypted.</summary>
internal sealed record ConnectionTarget(string ConnectionKey, string Name, string AccountId, Uri RestletUrl, NetSuiteAuthMethod AuthMethod, byte[] ProtectedSecrets)
{
    /// <summary>Binds the ciphertext to its connection: secrets copied onto another connection do not open.</summary>
    public static string SecretPurpose(string connectionKey) => "netsuite-connection:" + connectionKey;

    /// <summary>REST web services (the OAuth 2.0 token endpoint, SuiteQL) live on the account's SuiteTalk host; a
    /// RESTlet URL elsewhere (the sandbox, a proxy) serves them itself.</summary>
    public Uri? SuiteTalkUrl => RestletUrl.Host.EndsWith(".restlets.api.netsuite.com", StringComparison.OrdinalIgnoreCase)
        ? null
        : new Uri(RestletUrl.GetLeftPart(UriPartial.Authority) + "/");

    /// <summary>Opens the credentials in this silo and makes the request signer their method needs.</summary>
    public NetSuiteAuthorization Authorization(NetSuiteClients clients, SecretProtector secrets)
    {
        var plain = secrets.Unprotect(ProtectedSecrets, SecretPurpose(ConnectionKey));
        return AuthMethod switch
        {
            NetSuiteAuthMethod.Tba => clients.Tba(JsonSerializer.Deserialize<TbaSecrets>(plain) is { } tba
                ? new TbaCredentials(AccountId, tba.ConsumerKey, tba.ConsumerSecret, tba.TokenId, tba.TokenSecret)
                : throw new InvalidDataException("The connection's TBA credentials are empty.")),
            NetSuiteAuthMethod.OAuth2ClientCredentials => clients.OAuth2(OAuth2Credentials.From(AccountId,
                JsonSerializer.Deserialize<OAuth2Secrets>(plain) ?? throw new InvalidDataException("The connection's OAuth 2.0 credentials are empty.")), SuiteTalkUrl),
            _ => throw new InvalidDataException($"Unknown authentication method {AuthMethod}."),
        };
    }

    public override string ToString() => $"ConnectionTarget {{ {Name}, {AccountId}, {RestletUrl} }}";
}
