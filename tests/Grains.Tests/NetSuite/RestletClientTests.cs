using System.Text.Json;
using EcomOps.Grains.NetSuite;
using EcomOps.Sandboxes.NetSuite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcomOps.Grains.Tests.NetSuite;

/// <summary>The RESTlet client against the NetSuite sandbox, over real HTTP with real signatures.</summary>
public sealed class RestletClientTests : IAsyncLifetime
{
    private static readonly TbaCredentials Credentials = new("1234567_SB1", "ck-sandbox", "cs-sandbox", "tid-sandbox", "ts-sandbox");
    private static readonly RetryPolicy FastRetry = new(8, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200));
    private readonly HttpClient http = new();
    private NetSuiteSandboxHost sandbox = null!;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { RowsPerDataSet = 53, ConcurrencyLimit = 2 };
        options.Accounts.Add(Credentials);
        sandbox = await NetSuiteSandboxHost.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await sandbox.DisposeAsync();
    }

    [Fact]
    public async Task PagesThroughASavedSearchInInternalIdOrder()
    {
        var client = Client(Credentials);
        var ids = new List<long>();
        int? page = 0;
        RestletResponse response;
        do
        {
            response = await client.RunAsync(new RestletRequest { SearchId = "customsearch_ecomops_customers", PageSize = 10, PageIndex = page, Pages = 2 }, default);
            ids.AddRange(response.Rows.Select(r => long.Parse(r.Id!, System.Globalization.CultureInfo.InvariantCulture)));
            page = response.NextPageIndex;
        }
        while (page is not null);

        Assert.Equal(Enumerable.Range(1, 53).Select(i => (long)i), ids);
        Assert.Equal(53, response.Total);
        Assert.Equal(6, response.PageCount);
        Assert.Equal(["entityid", "companyname", "email", "balance", "lastmodifieddate"], response.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task AppliesTheWatermarkAndTheIdWindow()
    {
        var client = Client(Credentials);
        var recent = await client.RunAsync(new RestletRequest { SearchId = "customsearch_ecomops_items", ModifiedAfter = DateTimeOffset.UtcNow.AddMinutes(-10.5) }, default);
        Assert.Equal(Enumerable.Range(43, 11).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), recent.Rows.Select(r => r.Id));

        var window = await client.RunAsync(new RestletRequest { SearchId = "customsearch_ecomops_items", IdRange = new RestletIdRange(10, 15) }, default);
        Assert.Equal(["10", "11", "12", "13", "14"], window.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task WrongCredentialsAreATypedAuthenticationError()
    {
        var error = await Assert.ThrowsAsync<NetSuiteAuthenticationException>(() =>
            Client(Credentials with { TokenSecret = "wrong" }).RunAsync(new RestletRequest { SearchId = "customsearch_ecomops_items" }, default));
        Assert.Equal("INVALID_LOGIN_ATTEMPT", error.Code);
        Assert.DoesNotContain("wrong", error.Message);

        await Assert.ThrowsAsync<NetSuiteAuthenticationException>(() =>
            Client(Credentials with { AccountId = "7654321" }).RunAsync(new RestletRequest { SearchId = "customsearch_ecomops_items" }, default));
    }

    [Fact]
    public async Task AReplayedSignatureIsRefused()
    {
        var header = TbaSigner.AuthorizationHeader(HttpMethod.Post, sandbox.RestletUrl, Credentials, "same-nonce-123", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        async Task<System.Net.HttpStatusCode> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.RestletUrl) { Content = new StringContent("{\"searchId\":\"customsearch_ecomops_items\"}", System.Text.Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", header);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, await SendAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await SendAsync());
    }

    [Fact]
    public async Task AStormOfConcurrencyErrorsAndServerErrorsStillCompletes()
    {
        var account = sandbox.Account(Credentials.AccountId);
        account.Faults.Latency = TimeSpan.FromMilliseconds(30);
        account.Faults.Set(serverErrors: 3, concurrencyErrors: 6, malformedPages: 0);
        var client = Client(Credentials);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.RunAsync(new RestletRequest { SearchId = "customsearch_ecomops_salesorders", PageSize = 5 }, default)));

        Assert.All(results, r => Assert.Equal(53, r.Total));

        // Eight calls got through only after every injected server error was retried (each was a request the sandbox
        // let in), on top of the limit's own refusals to eight callers at once against a limit of two.
        var stats = account.Stats;
        Assert.True(stats.Requests >= 8 + 3, $"requests {stats.Requests}");
        Assert.True(stats.RejectedOverLimit > 0, "eight at once against a limit of two must have been refused sometimes");
    }

    [Fact]
    public async Task ContractErrorsAndMalformedPagesAreClear()
    {
        var client = Client(Credentials);
        var unknown = await Assert.ThrowsAsync<NetSuiteException>(() => client.RunAsync(new RestletRequest { SearchId = "customsearch_nope" }, default));
        Assert.Equal("UNKNOWN_SEARCH", unknown.Code);

        var badColumn = await Assert.ThrowsAsync<NetSuiteException>(() => client.RunAsync(
            new RestletRequest { Type = "customer", Columns = [new RestletColumn("nosuchfield", null, null, null, null)] }, default));
        Assert.Equal("BAD_COLUMN", badColumn.Code);

        sandbox.Account(Credentials.AccountId).Faults.Set(serverErrors: 0, concurrencyErrors: 0, malformedPages: 100);
        var malformed = await Assert.ThrowsAsync<NetSuiteException>(() => client.RunAsync(new RestletRequest { SearchId = "customsearch_ecomops_items" }, default));
        Assert.Equal("MALFORMED_RESPONSE", malformed.Code);
        Assert.Contains("gave up after 8 attempts", malformed.Message);
        sandbox.Account(Credentials.AccountId).Faults.Set(0, 0, 0);
    }

    [Fact]
    public async Task AnswersInNetSuitesOwnErrorShape()
    {
        using var response = await http.PostAsync(sandbox.RestletUrl, new StringContent("{}"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("INVALID_LOGIN_ATTEMPT", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    private RestletClient Client(TbaCredentials credentials) =>
        new(http, credentials, sandbox.RestletUrl, FastRetry, TimeProvider.System, NullLogger.Instance);
}
