using System.Net.Http.Headers;

namespace EcomOps.Grains.NetSuite;

/// <summary>OAuth 2.0 client credentials: every request carries a bearer token from the account's token endpoint,
/// shared through <see cref="OAuth2TokenCache"/> by every client of the same integration.</summary>
public sealed class OAuth2Authorization(OAuth2Credentials credentials, Uri tokenUrl, HttpClient http, OAuth2TokenCache tokens) : NetSuiteAuthorization
{
    public const string TokenPath = "/services/rest/auth/oauth2/v1/token";

    public override string AccountId => credentials.AccountId;

    public override string RejectionAdvice =>
        "Check that the integration's role may use RESTlets and REST web services, and that the certificate mapping under OAuth 2.0 Client Credentials (M2M) Setup is for this account.";

    /// <summary>The token endpoint on a SuiteTalk host: <c>https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token</c>.</summary>
    public static Uri TokenUrl(Uri suiteTalkUrl) => new(suiteTalkUrl, TokenPath);

    public override async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(http, credentials, tokenUrl, cancellationToken));

    public override bool ForgetRejected(HttpRequestMessage rejected)
    {
        if (rejected.Headers.Authorization is { Scheme: "Bearer", Parameter: { } token })
        {
            tokens.Forget(credentials, tokenUrl, token);
        }

        return true;
    }
}
