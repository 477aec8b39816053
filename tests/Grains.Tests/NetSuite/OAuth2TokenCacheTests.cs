using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using EcomOps.Grains.NetSuite;

namespace EcomOps.Grains.Tests.NetSuite;

/// <summary>The token cache against a scripted token endpoint and a clock that moves only when told to.</summary>
public sealed class OAuth2TokenCacheTests
{
    private static readonly Uri TokenUrl = OAuth2Authorization.TokenUrl(NetSuiteAccount.SuiteTalkUrl("1234567_SB1"));
    private static readonly OAuth2Credentials Credentials = new("1234567_SB1", "client-1", "cert-1", TestKeys.Ec().PrivatePem);
    private readonly ManualTime time = new();

    [Fact]
    public async Task PostsTheClientCredentialsFormNetSuiteExpects()
    {
        var endpoint = Endpoint();
        await new OAuth2TokenCache(time).GetAsync(new HttpClient(endpoint), Credentials, TokenUrl, default);

        var (request, body) = Assert.Single(endpoint.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token", request.RequestUri!.AbsoluteUri);
        Assert.Equal("application/x-www-form-urlencoded", request.Content!.Headers.ContentType!.MediaType);
        var form = body.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(form["client_assertion"].Split('.')[1])).RootElement;
        Assert.Equal(TokenUrl.AbsoluteUri, claims.GetProperty("aud").GetString());
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task KeepsATokenUntilShortlyBeforeItExpires()
    {
        var endpoint = Endpoint();
        var cache = new OAuth2TokenCache(time);
        var http = new HttpClient(endpoint);

        var first = await cache.GetAsync(http, Credentials, TokenUrl, default);
        time.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal(first, await cache.GetAsync(http, Credentials, TokenUrl, default));
        Assert.Single(endpoint.Requests);

        // 60-minute tokens are replaced five minutes early.
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var second = await cache.GetAsync(http, Credentials, TokenUrl, default);
        Assert.NotEqual(first, second);
        Assert.Equal(2, endpoint.Requests.Count);
    }

    [Fact]
    public async Task CallersNeedingATokenAtOnceShareOneRequest()
    {
        var release = new TaskCompletionSource();
        var endpoint = new StubNetSuite((_, _, n) =>
        {
            release.Task.Wait();
            return Token(n, "3600");
        });
        var cache = new OAuth2TokenCache(time);
        var http = new HttpClient(endpoint);

        var waiting = Enumerable.Range(0, 10).Select(_ => Task.Run(() => cache.GetAsync(http, Credentials, TokenUrl, default))).ToList();
        await Task.Delay(100);
        release.SetResult();

        Assert.Single((await Task.WhenAll(waiting)).Distinct());
        Assert.Single(endpoint.Requests);
    }

    [Fact]
    public async Task KeepsTokensApartPerIntegrationAndKey()
    {
        var endpoint = Endpoint();
        var cache = new OAuth2TokenCache(time);
        var http = new HttpClient(endpoint);

        var a = await cache.GetAsync(http, Credentials, TokenUrl, default);
        var rotated = await cache.GetAsync(http, Credentials with { PrivateKeyPem = TestKeys.Ec().PrivatePem }, TokenUrl, default);
        var otherClient = await cache.GetAsync(http, Credentials with { ClientId = "client-2" }, TokenUrl, default);

        Assert.Equal(3, new[] { a, rotated, otherClient }.Distinct().Count());
    }

    [Fact]
    public async Task ForgetsARefusedTokenButNotItsReplacement()
    {
        var endpoint = Endpoint();
        var cache = new OAuth2TokenCache(time);
        var http = new HttpClient(endpoint);

        var refused = await cache.GetAsync(http, Credentials, TokenUrl, default);
        cache.Forget(Credentials, TokenUrl, refused);
        var fresh = await cache.GetAsync(http, Credentials, TokenUrl, default);
        cache.Forget(Credentials, TokenUrl, refused);

        Assert.NotEqual(refused, fresh);
        Assert.Equal(fresh, await cache.GetAsync(http, Credentials, TokenUrl, default));
        Assert.Equal(2, endpoint.Requests.Count);
    }

    [Theory]
    [InlineData("\"3600\"")]
    [InlineData("3600")]
    public async Task ReadsExpiresInAsAStringOrANumber(string expiresIn)
    {
        var endpoint = new StubNetSuite((_, _, _) => StubNetSuite.Json(HttpStatusCode.OK, $"{{\"access_token\":\"t\",\"expires_in\":{expiresIn},\"token_type\":\"Bearer\"}}"));
        var cache = new OAuth2TokenCache(time);

        Assert.Equal("t", await cache.GetAsync(new HttpClient(endpoint), Credentials, TokenUrl, default));
    }

    [Theory]
    [InlineData("invalid_grant", "certificate id")]
    [InlineData("invalid_client", "client id")]
    [InlineData("invalid_scope", "scopes")]
    public async Task ARefusedAssertionIsATypedAuthenticationErrorWithWhatToCheck(string error, string advice)
    {
        var endpoint = new StubNetSuite((_, _, _) => StubNetSuite.Json(HttpStatusCode.BadRequest, $"{{\"error\":\"{error}\"}}"));

        var refusal = await Assert.ThrowsAsync<NetSuiteAuthenticationException>(() => new OAuth2TokenCache(time).GetAsync(new HttpClient(endpoint), Credentials, TokenUrl, default));

        Assert.Equal(error, refusal.Code);
        Assert.Contains(advice, refusal.Message);
        Assert.Contains("1234567_SB1", refusal.Message);
    }

    [Fact]
    public async Task ABusyTokenEndpointIsRetryableAndNotCachedAsAFailure()
    {
        var endpoint = new StubNetSuite((_, _, n) => n == 1 ? StubNetSuite.Json(HttpStatusCode.ServiceUnavailable, "{}") : Token(n, "3600"));
        var cache = new OAuth2TokenCache(time);
        var http = new HttpClient(endpoint);

        var busy = await Assert.ThrowsAsync<RetryableNetSuiteException>(() => cache.GetAsync(http, Credentials, TokenUrl, default));
        Assert.Equal("503", busy.Code);
        Assert.Equal("token-2", await cache.GetAsync(http, Credentials, TokenUrl, default));
    }

    [Fact]
    public async Task AKeyThatCannotSignIsAnAuthenticationErrorWithoutCallingNetSuite()
    {
        var endpoint = Endpoint();

        var refusal = await Assert.ThrowsAsync<NetSuiteAuthenticationException>(() =>
            new OAuth2TokenCache(time).GetAsync(new HttpClient(endpoint), Credentials with { PrivateKeyPem = TestKeys.Ec().PublicPem }, TokenUrl, default));

        Assert.Equal("INVALID_PRIVATE_KEY", refusal.Code);
        Assert.Empty(endpoint.Requests);
    }

    private static StubNetSuite Endpoint() => new((_, _, n) => Token(n, "\"3600\""));

    private static HttpResponseMessage Token(int n, string expiresIn) =>
        StubNetSuite.Json(HttpStatusCode.OK, $"{{\"access_token\":\"token-{n}\",\"expires_in\":{expiresIn},\"token_type\":\"Bearer\"}}");
}
