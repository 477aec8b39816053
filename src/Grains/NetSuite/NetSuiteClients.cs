using Microsoft.Extensions.Logging;

namespace EcomOps.Grains.NetSuite;

/// <summary>Makes NetSuite clients on the shared "netsuite" HTTP client, which carries the correlation id of the request
/// that caused each call. OAuth 2.0 access tokens are cached here, so every client of one integration shares them.</summary>
public sealed class NetSuiteClients(IHttpClientFactory httpClients, TimeProvider time, ILoggerFactory loggers)
{
    public const string HttpClientName = "netsuite";

    private readonly OAuth2TokenCache tokens = new(time);

    public NetSuiteAuthorization Tba(TbaCredentials credentials) => new TbaAuthorization(credentials, time);

    /// <summary>OAuth 2.0 client credentials against the account's token endpoint, or against the one at
    /// <paramref name="suiteTalkUrl"/> (a stand-in such as the NetSuite sandbox).</summary>
    public NetSuiteAuthorization OAuth2(OAuth2Credentials credentials, Uri? suiteTalkUrl = null) =>
        new OAuth2Authorization(credentials, OAuth2Authorization.TokenUrl(suiteTalkUrl ?? NetSuiteAccount.SuiteTalkUrl(credentials.AccountId)),
            httpClients.CreateClient(HttpClientName), tokens);

    public RestletClient Restlet(TbaCredentials credentials, Uri restletUrl, RetryPolicy retry, AccountSlots? slots = null) =>
        Restlet(Tba(credentials), restletUrl, retry, slots);

    public RestletClient Restlet(NetSuiteAuthorization authorization, Uri restletUrl, RetryPolicy retry, AccountSlots? slots = null) =>
        new(httpClients.CreateClient(HttpClientName), authorization, restletUrl, retry, time, loggers.CreateLogger<RestletClient>(), slots);

    /// <summary>SuiteQL on the account's SuiteTalk host, or on <paramref name="suiteTalkUrl"/> (a stand-in).</summary>
    public SuiteQlClient SuiteQl(NetSuiteAuthorization authorization, RetryPolicy retry, AccountSlots? slots = null, Uri? suiteTalkUrl = null) =>
        new(httpClients.CreateClient(HttpClientName), authorization, suiteTalkUrl ?? NetSuiteAccount.SuiteTalkUrl(authorization.AccountId), retry, time,
            loggers.CreateLogger<SuiteQlClient>(), slots);
}
