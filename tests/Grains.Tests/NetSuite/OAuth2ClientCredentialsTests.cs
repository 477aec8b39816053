using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using EcomOps.Grains.NetSuite;
using EcomOps.Sandboxes.NetSuite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcomOps.Grains.Tests.NetSuite;

/// <summary>OAuth 2.0 client credentials end to end: the clients get tokens from the sandbox's token endpoint over real
/// HTTP, which checks the assertions as NetSuite does, and call the RESTlet and SuiteQL with them.</summary>
public sealed class OAuth2ClientCredentialsTests : IAsyncLifetime
{
    private const string Account = "1234567_SB1";
    private static readonly RetryPolicy FastRetry = new(5, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200));
    private static readonly (string PrivatePem, string PublicPem) RsaKey = TestKeys.Rsa();
    private static readonly (string PrivatePem, string PublicPem) EcKey = TestKeys.Ec();
    private static readonly OAuth2Credentials Rsa = new(Account, "client-rsa", "cert-rsa", RsaKey.PrivatePem);
    private static readonly OAuth2Credentials Ec = new(Account, "client-ec", "cert-ec", EcKey.PrivatePem);
    private readonly RequestCounter counter = new();
    private readonly HttpClient http;
    private NetSuiteSandboxHost sandbox = null!;

    public OAuth2ClientCredentialsTests() => http = new HttpClient(counter);

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { RowsPerDataSet = 30, ConcurrencyLimit = 2 };
        options.Accounts.Add(new TbaCredentials(Account, "ck", "cs", "tid", "ts"));
        options.Accounts.Add(new TbaCredentials("7654321", "ck2", "cs2", "tid2", "ts2"));
        options.OAuth2Clients.Add(new SandboxOAuth2Client(Account, Rsa.ClientId, Rsa.CertificateId, RsaKey.PublicPem));
        options.OAuth2Clients.Add(new SandboxOAuth2Client(Account, Ec.ClientId, Ec.CertificateId, EcKey.PublicPem));
        sandbox = await NetSuiteSandboxHost.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await sandbox.DisposeAsync();
    }

    private string TokenUrl => OAuth2Authorization.TokenUrl(sandbox.SuiteTalkUrl).AbsoluteUri;

    [Theory]
    [InlineData("rsa")]
    [InlineData("ec")]
    public async Task GetsATokenAndCallsTheRestletAndSuiteQlWithIt(string key)
    {
        var authorization = Authorization(key == "rsa" ? Rsa : Ec);

        var restlet = await Restlet(authorization).RunAsync(new RestletRequest { SearchId = "customsearch_ecomops_customers", PageSize = 10 }, default);
        var suiteQl = await SuiteQl(authorization).PageAsync("SELECT id, companyname FROM customer WHERE id <= 3", 10, 0, default);

        Assert.Equal(30, restlet.Total);
        Assert.Equal(["1", "2", "3"], suiteQl.Items.Select(r => r["id"]));
        Assert.Equal("CUSTOMER-2", suiteQl.Items[1]["companyname"]);
        Assert.Equal(1, counter.For(OAuth2Authorization.TokenPath));
        Assert.Empty(sandbox.TokenRefusals);
    }

    [Fact]
    public async Task ClientsMadeByNetSuiteClientsShareTheIntegrationsToken()
    {
        var clients = new NetSuiteClients(new OneHttpClient(http), TimeProvider.System, NullLoggerFactory.Instance);

        await clients.Restlet(clients.OAuth2(Rsa, sandbox.SuiteTalkUrl), sandbox.RestletUrl, FastRetry).RunAsync(new RestletRequest { SearchId = "customsearch_ecomops_items" }, default);
        await clients.SuiteQl(clients.OAuth2(Rsa, sandbox.SuiteTalkUrl), FastRetry, suiteTalkUrl: sandbox.SuiteTalkUrl).PageAsync("SELECT id FROM item", 5, 0, default);

        Assert.Equal(1, counter.For(OAuth2Authorization.TokenPath));
        Assert.Equal(1, counter.For(SuiteQlClient.Path));
    }

    [Fact]
    public async Task AKeyThatIsNotTheMappedCertificatesIsRefusedForItsSignature()
    {
        var error = await Assert.ThrowsAsync<NetSuiteAuthenticationException>(() =>
            Restlet(Authorization(Rsa with { PrivateKeyPem = TestKeys.Rsa().PrivatePem })).RunAsync(new RestletRequest { SearchId = "customsearch_ecomops_items" }, default));

        Assert.Equal("invalid_grant", error.Code);
        Assert.Contains("certificate", error.Message);
        Assert.StartsWith("InvalidSignature", Assert.Single(sandbox.TokenRefusals));
        Assert.Equal(0, counter.For(NetSuiteSandboxHost.RestletPath));
    }

    [Fact]
    public async Task AWrongCertificateIdOrClientIdIsRefused()
    {
        var wrongKid = await Assert.ThrowsAsync<NetSuiteAuthenticationException>(() =>
            SuiteQl(Authorization(Rsa with { CertificateId = "cert-ec" })).PageAsync("SELECT id FROM item", 5, 0, default));
        Assert.Equal("invalid_grant", wrongKid.Code);

        var unknownClient = await Assert.ThrowsAsync<NetSuiteAuthenticationException>(() =>
            SuiteQl(Authorization(Rsa with { ClientId = "client-nobody" })).PageAsync("SELECT id FROM item", 5, 0, default));
        Assert.Equal("invalid_client", unknownClient.Code);
        Assert.Contains("client id", unknownClient.Message);

        Assert.Equal(["UnknownCertificate", "InvalidIntegration"], sandbox.TokenRefusals.Select(r => r.Split(':')[0]));
    }

    [Fact]
    public async Task AnExpiredAssertionIsRefused()
    {
        // The client's clock is months behind the sandbox's: its assertion expired long before the sandbox reads it.
        var authorization = new OAuth2Authorization(Rsa, new Uri(TokenUrl), http, new OAuth2TokenCache(new ManualTime()));

        var error = await Assert.ThrowsAsync<NetSuiteAuthenticationException>(() => SuiteQl(authorization).PageAsync("SELECT id FROM item", 5, 0, default));

        Assert.Equal("invalid_grant", error.Code);
        Assert.Contains("clock", error.Message);
        Assert.StartsWith("AssertionExpired", Assert.Single(sandbox.TokenRefusals));
    }

    [Theory]
    [InlineData("RS256", "UnsupportedAlgorithm")]
    [InlineData("lifetime", "InvalidLifetime")]
    [InlineData("audience", "InvalidAudience")]
    [InlineData("scope", "InvalidScope")]
    public async Task TheTokenEndpointChecksAssertionsAsNetSuiteDoes(string flaw, string reason)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var rsa = RSA.Create();
        rsa.ImportFromPem(RsaKey.PrivatePem);
        var header = new Dictionary<string, object> { ["typ"] = "JWT", ["alg"] = flaw == "RS256" ? "RS256" : "PS256", ["kid"] = Rsa.CertificateId };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Rsa.ClientId,
            ["scope"] = flaw == "scope" ? "restlets,everything" : "restlets,rest_webservices",
            ["aud"] = flaw == "audience" ? "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token" : TokenUrl,
            ["iat"] = now,
            ["exp"] = now + (flaw == "lifetime" ? 3601 : 600),
        };
        var input = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, flaw == "RS256" ? RSASignaturePadding.Pkcs1 : RSASignaturePadding.Pss);

        var (status, body) = await PostTokenRequestAsync(input + "." + Base64Url.EncodeToString(signature));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(flaw == "scope" ? "invalid_scope" : "invalid_grant", body.GetProperty("error").GetString());
        Assert.StartsWith(reason, Assert.Single(sandbox.TokenRefusals));
    }

    [Fact]
    public async Task TheTokenAnswerIsNetSuitesAndAMalformedRequestIsInvalidRequest()
    {
        var (status, body) = await PostTokenRequestAsync(OAuth2ClientAssertion.Create(Ec, new Uri(TokenUrl), DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("3600", body.GetProperty("expires_in").GetString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));

        using var wrongGrant = await http.PostAsync(TokenUrl, new FormUrlEncodedContent([new("grant_type", "password")]));
        Assert.Equal(HttpStatusCode.BadRequest, wrongGrant.StatusCode);
        Assert.Equal("{\"error\":\"invalid_request\"}", await wrongGrant.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMappedCertificateWorksAsWellAsAPublicKey()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=ecomops", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        var options = new SandboxOptions();
        options.Accounts.Add(new TbaCredentials(Account, "ck", "cs", "tid", "ts"));
        options.OAuth2Clients.Add(new SandboxOAuth2Client(Account, "client-cert", "cert-x509", certificate.ExportCertificatePem()));
        await using var other = await NetSuiteSandboxHost.StartAsync(options);

        var page = await new SuiteQlClient(http, new OAuth2Authorization(new OAuth2Credentials(Account, "client-cert", "cert-x509", key.ExportPkcs8PrivateKeyPem()),
            OAuth2Authorization.TokenUrl(other.SuiteTalkUrl), http, new OAuth2TokenCache(TimeProvider.System)), other.SuiteTalkUrl, FastRetry, TimeProvider.System, NullLogger.Instance)
            .PageAsync("SELECT id FROM customer", 5, 0, default);

        Assert.Equal(5, page.Count);
    }

    [Fact]
    public async Task AnExpiredAccessTokenIsReplacedOnceWithoutTheCallerNoticing()
    {
        var client = Restlet(Authorization(Rsa));
        await client.RunAsync(new RestletRequest { SearchId = "customsearch_ecomops_items" }, default);

        sandbox.ExpireAccessTokens(Account);
        var response = await client.RunAsync(new RestletRequest { SearchId = "customsearch_ecomops_items" }, default);

        Assert.Equal(30, response.Total);
        Assert.Equal(2, client.LastAttempts);
        Assert.Equal(2, counter.For(OAuth2Authorization.TokenPath));
    }

    [Fact]
    public async Task TheTokensExpiredFaultRefusesBearerTokensWithNetSuitesErrors()
    {
        var authorization = Authorization(Ec);
        await SuiteQl(authorization).PageAsync("SELECT id FROM item", 5, 0, default);
        sandbox.Account(Account).Faults.TokensExpired = true;

        var suiteQl = await Assert.ThrowsAsync<NetSuiteAuthenticationException>(() => SuiteQl(authorization).PageAsync("SELECT id FROM item", 5, 0, default));
        var restlet = await Assert.ThrowsAsync<NetSuiteAuthenticationException>(() => Restlet(authorization).RunAsync(new RestletRequest { SearchId = "customsearch_ecomops_items" }, default));

        Assert.Equal("INVALID_LOGIN", suiteQl.Code);
        Assert.Equal("INVALID_LOGIN_ATTEMPT", restlet.Code);
        // Each call replaced its refused token once, then gave up.
        Assert.Equal(3, counter.For(OAuth2Authorization.TokenPath));
        sandbox.Account(Account).Faults.TokensExpired = false;
        await SuiteQl(authorization).PageAsync("SELECT id FROM item", 5, 0, default);
    }

    [Fact]
    public async Task ATokenServesOnlyTheScopesAndAccountItWasIssuedFor()
    {
        using var ec = ECDsa.Create();
        ec.ImportFromPem(EcKey.PrivatePem);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var input = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { typ = "JWT", alg = "ES256", kid = Ec.CertificateId })) + "." +
            Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { iss = Ec.ClientId, scope = new[] { "restlets" }, aud = TokenUrl, iat = now, exp = now + 300 }));
        var (_, body) = await PostTokenRequestAsync(input + "." + Base64Url.EncodeToString(ec.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256)));
        var token = body.GetProperty("access_token").GetString();

        async Task<HttpStatusCode> CallAsync(Uri url, string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new("Bearer", token);
            request.Headers.Add("Prefer", "transient");
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await CallAsync(sandbox.RestletUrl, "{\"searchId\":\"customsearch_ecomops_items\"}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(new Uri(sandbox.SuiteTalkUrl, SuiteQlClient.Path), "{\"q\":\"SELECT id FROM item\"}"));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostTokenRequestAsync(string assertion)
    {
        using var response = await http.PostAsync(TokenUrl, new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            new("client_assertion", assertion),
        ]));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private OAuth2Authorization Authorization(OAuth2Credentials credentials) =>
        new(credentials, new Uri(TokenUrl), http, new OAuth2TokenCache(TimeProvider.System));

    private RestletClient Restlet(NetSuiteAuthorization authorization) =>
        new(http, authorization, sandbox.RestletUrl, FastRetry, TimeProvider.System, NullLogger.Instance);

    private SuiteQlClient SuiteQl(NetSuiteAuthorization authorization) =>
        new(http, authorization, sandbox.SuiteTalkUrl, FastRetry, TimeProvider.System, NullLogger.Instance);

    private sealed class OneHttpClient(HttpClient http) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => http;
    }
}
