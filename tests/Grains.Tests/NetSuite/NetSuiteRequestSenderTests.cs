using System.Diagnostics;
using System.Net;
using EcomOps.Grains.NetSuite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcomOps.Grains.Tests.NetSuite;

/// <summary>The retry and error machinery both NetSuite clients share, against scripted answers.</summary>
public sealed class NetSuiteRequestSenderTests
{
    private const string EmptyPage = "{\"links\":[],\"count\":0,\"hasMore\":false,\"items\":[],\"offset\":0,\"totalResults\":0}";
    private static readonly TbaCredentials Tba = new("1234567", "ck", "cs", "tid", "ts");
    private static readonly RetryPolicy Fast = new(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));

    [Fact]
    public async Task WaitsAsLongAsRetryAfterSaysEvenWhenTheBackoffIsShorter()
    {
        var netSuite = new StubNetSuite((_, _, n) =>
        {
            if (n == 1)
            {
                var busy = StubNetSuite.Json(HttpStatusCode.TooManyRequests, "{}");
                busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
                return busy;
            }

            return StubNetSuite.Json(HttpStatusCode.OK, EmptyPage);
        });
        var client = SuiteQl(netSuite, new TbaAuthorization(Tba, TimeProvider.System));

        var clock = Stopwatch.StartNew();
        await client.PageAsync("SELECT id FROM customer", 10, 0, default);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {clock.Elapsed}");
        Assert.Equal(2, client.LastAttempts);
    }

    [Fact]
    public async Task RetriesTheRestletConcurrencyErrorButNotOtherBadRequests()
    {
        var limited = new StubNetSuite((_, _, n) => n == 1
            ? StubNetSuite.Json(HttpStatusCode.BadRequest, "{\"error\":{\"code\":\"SSS_REQUEST_LIMIT_EXCEEDED\",\"message\":\"Request limit exceeded.\"}}")
            : StubNetSuite.Json(HttpStatusCode.OK, EmptyPage));
        await SuiteQl(limited, new TbaAuthorization(Tba, TimeProvider.System)).PageAsync("SELECT id FROM customer", 10, 0, default);
        Assert.Equal(2, limited.Requests.Count);

        var invalid = new StubNetSuite((_, _, _) => StubNetSuite.Json(HttpStatusCode.BadRequest,
            "{\"type\":\"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1\",\"title\":\"Bad Request\",\"status\":400,\"o:errorDetails\":[{\"detail\":\"Invalid search query.\",\"o:errorQueryParam\":\"q\",\"o:errorCode\":\"INVALID_PARAMETER\"}]}"));
        var error = await Assert.ThrowsAsync<NetSuiteException>(() => SuiteQl(invalid, new TbaAuthorization(Tba, TimeProvider.System)).PageAsync("SELECT nope", 10, 0, default));
        Assert.Equal("INVALID_PARAMETER", error.Code);
        Assert.Contains("Invalid search query.", error.Message);
        Assert.Single(invalid.Requests);
    }

    [Fact]
    public async Task GivesUpAfterThePolicysAttemptsWithTheLastError()
    {
        var down = new StubNetSuite((_, _, _) => StubNetSuite.Json(HttpStatusCode.ServiceUnavailable,
            "{\"title\":\"Service Unavailable\",\"status\":503,\"o:errorDetails\":[{\"detail\":\"An unexpected error occurred.\",\"o:errorCode\":\"UNEXPECTED_ERROR\"}]}"));

        var error = await Assert.ThrowsAsync<NetSuiteException>(() => SuiteQl(down, new TbaAuthorization(Tba, TimeProvider.System)).PageAsync("SELECT id FROM customer", 10, 0, default));

        Assert.IsNotType<RetryableNetSuiteException>(error);
        Assert.Equal("UNEXPECTED_ERROR", error.Code);
        Assert.Contains("gave up after 3 attempts", error.Message);
        Assert.Equal(3, down.Requests.Count);
    }

    [Fact]
    public async Task SignsEveryAttemptAfreshWithTba()
    {
        var netSuite = new StubNetSuite((_, _, n) => n < 3 ? StubNetSuite.Json(HttpStatusCode.BadGateway, "") : StubNetSuite.Json(HttpStatusCode.OK, EmptyPage));

        await SuiteQl(netSuite, new TbaAuthorization(Tba, TimeProvider.System)).PageAsync("SELECT id FROM customer", 10, 0, default);

        var headers = netSuite.Requests.Select(r => r.Request.Headers.Authorization!.ToString()).ToList();
        Assert.Equal(3, headers.Distinct().Count());
        Assert.All(headers, h => Assert.StartsWith("OAuth realm=\"1234567\"", h));
    }

    [Fact]
    public async Task ARefusedTbaSignatureIsNotRetried()
    {
        var netSuite = new StubNetSuite((_, _, _) => StubNetSuite.Json(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":\"INVALID_LOGIN_ATTEMPT\",\"message\":\"Invalid login attempt.\"}}"));

        var error = await Assert.ThrowsAsync<NetSuiteAuthenticationException>(() => SuiteQl(netSuite, new TbaAuthorization(Tba, TimeProvider.System)).PageAsync("SELECT id FROM customer", 10, 0, default));

        Assert.Equal("INVALID_LOGIN_ATTEMPT", error.Code);
        Assert.Contains("consumer key", error.Message);
        Assert.Single(netSuite.Requests);
    }

    [Fact]
    public async Task ARefusedBearerTokenIsReplacedOnceAndOnlyOnce()
    {
        var refusals = 1;
        var netSuite = new StubNetSuite((request, _, n) => request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal)
            ? StubNetSuite.Json(HttpStatusCode.OK, $"{{\"access_token\":\"token-{n}\",\"expires_in\":\"3600\",\"token_type\":\"Bearer\"}}")
            : Interlocked.Decrement(ref refusals) >= 0
                ? StubNetSuite.Json(HttpStatusCode.Unauthorized, "{\"title\":\"Unauthorized\",\"status\":401,\"o:errorDetails\":[{\"detail\":\"Invalid login attempt.\",\"o:errorCode\":\"INVALID_LOGIN\"}]}")
                : StubNetSuite.Json(HttpStatusCode.OK, EmptyPage));
        var http = new HttpClient(netSuite);
        var authorization = new OAuth2Authorization(new OAuth2Credentials("1234567", "client", "cert", TestKeys.Rsa().PrivatePem),
            OAuth2Authorization.TokenUrl(new Uri("https://1234567.suitetalk.api.netsuite.com/")), http, new OAuth2TokenCache(TimeProvider.System));
        var client = SuiteQl(netSuite, authorization);

        await client.PageAsync("SELECT id FROM customer", 10, 0, default);
        var sent = netSuite.Requests.Select(r => (r.Request.RequestUri!.AbsolutePath, r.Request.Headers.Authorization?.Parameter)).ToList();
        Assert.Equal(
            [("/services/rest/auth/oauth2/v1/token", null), (SuiteQlClient.Path, "token-1"), ("/services/rest/auth/oauth2/v1/token", null), (SuiteQlClient.Path, "token-3")],
            sent);
        Assert.Equal(2, client.LastAttempts);

        refusals = 100;
        var error = await Assert.ThrowsAsync<NetSuiteAuthenticationException>(() => client.PageAsync("SELECT id FROM customer", 10, 0, default));
        Assert.Equal("INVALID_LOGIN", error.Code);
        Assert.Equal(4 + 3, netSuite.Requests.Count);
    }

    private static SuiteQlClient SuiteQl(StubNetSuite netSuite, NetSuiteAuthorization authorization) =>
        new(new HttpClient(netSuite), authorization, new Uri("https://1234567.suitetalk.api.netsuite.com/"), Fast, TimeProvider.System, NullLogger.Instance);
}
