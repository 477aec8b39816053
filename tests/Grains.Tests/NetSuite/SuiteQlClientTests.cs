using System.Globalization;
using EcomOps.Grains.NetSuite;
using EcomOps.Sandboxes.NetSuite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcomOps.Grains.Tests.NetSuite;

/// <summary>The SuiteQL client against the NetSuite sandbox, over real HTTP with real TBA signatures.</summary>
public sealed class SuiteQlClientTests : IAsyncLifetime
{
    private const int Ceiling = 25;
    private static readonly TbaCredentials Credentials = new("1234567_SB1", "ck-sql", "cs-sql", "tid-sql", "ts-sql");
    private static readonly RetryPolicy FastRetry = new(8, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200));
    private readonly HttpClient http = new();
    private NetSuiteSandboxHost sandbox = null!;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { RowsPerDataSet = 53, ConcurrencyLimit = 2, SuiteQlResultCeiling = Ceiling };
        options.Accounts.Add(Credentials);
        sandbox = await NetSuiteSandboxHost.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await sandbox.DisposeAsync();
    }

    [Fact]
    public async Task PagesAQueryByLimitAndOffsetWithNetSuitesPagingFields()
    {
        var pages = await Client().PagesAsync("SELECT id, entityid, email FROM customer WHERE id <= 24 ORDER BY id", 10).ToListAsync();

        Assert.Equal([10, 10, 4], pages.Select(p => p.Count));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
        Assert.Equal([0, 10, 20], pages.Select(p => p.Offset));
        Assert.All(pages, p => Assert.Equal(24, p.TotalResults));
        Assert.Equal(Enumerable.Range(1, 24).Select(Text), pages.SelectMany(p => p.Items).Select(r => r["id"]));
        var row = pages[1].Items[0];
        Assert.Equal("CUSTOMER-11", row["entityid"]);
        Assert.Equal("contact11@example.com", row["email"]);
        Assert.Null(row["companyname"]);

        var links = pages[1].Links.ToDictionary(l => l.Rel, l => l.Href.PathAndQuery);
        Assert.Equal($"{SuiteQlClient.Path}?limit=10&offset=20", links["next"]);
        Assert.Equal($"{SuiteQlClient.Path}?limit=10&offset=0", links["prev"]);
        Assert.Equal($"{SuiteQlClient.Path}?limit=10&offset=20", links["last"]);
        Assert.DoesNotContain(pages[2].Links, l => l.Rel == "next");
    }

    [Fact]
    public async Task StopsAtTheResultCeilingWithNetSuitesError()
    {
        var error = await Assert.ThrowsAsync<NetSuiteException>(async () => await Client().PagesAsync("SELECT id FROM item", 10).ToListAsync());

        Assert.Equal("INVALID_PARAMETER", error.Code);
        Assert.Contains($"first {Ceiling} results", error.Message);
    }

    [Fact]
    public async Task WalksPastTheCeilingInIdWindowsReturningEveryRowOnce()
    {
        var items = sandbox.Catalog(Credentials.AccountId).DataSets["item"];
        items.Delete(7);
        items.Delete(30);
        items.Update(12, DateTimeOffset.UtcNow);
        items.Add(DateTimeOffset.UtcNow);
        var client = new SuiteQlClient(http, new TbaAuthorization(Credentials, TimeProvider.System), sandbox.SuiteTalkUrl, FastRetry, TimeProvider.System, NullLogger.Instance)
        {
            ResultCeiling = Ceiling,
        };

        var pages = await client.WindowsByIdAsync(new SuiteQlWindowedQuery("id, itemid", "item"), pageSize: 10).ToListAsync();

        var ids = pages.SelectMany(p => p.Items).Select(r => long.Parse(r["id"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, 54).Where(i => i is not 7 and not 30).Select(i => (long)i), ids);
        Assert.Equal("ITEM-12 (edited)", pages.SelectMany(p => p.Items).Single(r => r["id"] == "12")["itemid"]);
        // 52 rows in windows of 20 (two pages of 10 below the ceiling of 25): three windows, six pages.
        Assert.Equal(6, pages.Count);
        Assert.All(pages, p => Assert.True(p.Offset + 10 <= Ceiling));
    }

    [Fact]
    public async Task AWindowWalkKeepsTheCallersConditionAndCanResume()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-20.5).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var query = new SuiteQlWindowedQuery("*", "transaction", $"lastmodifieddate >= TO_TIMESTAMP('{since}', 'YYYY-MM-DD HH24:MI:SS')");

        var rows = await Client().WindowsByIdAsync(query, pageSize: 5, afterId: 40).SelectMany(p => p.Items.ToAsyncEnumerable()).ToListAsync();

        Assert.Equal(Enumerable.Range(41, 13).Select(Text), rows.Select(r => r["id"]));
        Assert.Equal(["id", "tranid", "type", "amount", "lastmodifieddate"], rows[0].Values.Keys);
    }

    [Fact]
    public async Task RetriesConcurrencyRefusalsAndServerErrors()
    {
        var account = sandbox.Account(Credentials.AccountId);
        account.Faults.Latency = TimeSpan.FromMilliseconds(30);
        account.Faults.Set(serverErrors: 3, concurrencyErrors: 6, malformedPages: 2);
        var client = Client();

        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PageAsync("SELECT id FROM customer", 5, 0, default)));

        Assert.All(pages, p => Assert.Equal(53, p.TotalResults));
        var stats = account.Stats;
        Assert.True(stats.Requests >= 8 + 3 + 2, $"requests {stats.Requests}");
        Assert.True(stats.RejectedOverLimit > 0, "eight at once against a limit of two must have been refused sometimes");
        Assert.Equal(0, stats.InFlight);
    }

    [Fact]
    public async Task AQueryNetSuiteCannotRunIsATypedErrorWithNetSuitesCode()
    {
        var client = Client();

        var unknownColumn = await Assert.ThrowsAsync<NetSuiteException>(() => client.PageAsync("SELECT id, nosuchfield FROM customer", 10, 0, default));
        var unknownTable = await Assert.ThrowsAsync<NetSuiteException>(() => client.PageAsync("SELECT id FROM salesorder", 10, 0, default));
        var unsupported = await Assert.ThrowsAsync<NetSuiteException>(() => client.PageAsync("SELECT id FROM customer WHERE companyname LIKE 'A%'", 10, 0, default));

        Assert.All([unknownColumn, unknownTable, unsupported], e => Assert.Equal("INVALID_PARAMETER", e.Code));
        Assert.Contains("Unknown identifier 'nosuchfield'", unknownColumn.Message);
        Assert.Contains("Invalid search type: salesorder", unknownTable.Message);
        Assert.Contains("Invalid or unsupported search", unsupported.Message);
        Assert.Equal(1, client.LastAttempts);
    }

    [Fact]
    public async Task WrongCredentialsAreATypedAuthenticationError()
    {
        var client = new SuiteQlClient(http, new TbaAuthorization(Credentials with { TokenSecret = "wrong" }, TimeProvider.System), sandbox.SuiteTalkUrl,
            FastRetry, TimeProvider.System, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<NetSuiteAuthenticationException>(() => client.PageAsync("SELECT id FROM customer", 10, 0, default));

        Assert.Equal("INVALID_LOGIN", error.Code);
        Assert.Equal(1, client.LastAttempts);
    }

    [Fact]
    public async Task AnswersInRestWebServicesOwnShapeAndWantsATransientQuery()
    {
        using var unsigned = await http.PostAsync(new Uri(sandbox.SuiteTalkUrl, SuiteQlClient.Path), new StringContent("{\"q\":\"SELECT id FROM item\"}"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unsigned.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await unsigned.Content.ReadAsStringAsync());
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Unauthorized", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("INVALID_LOGIN", problem.RootElement.GetProperty("o:errorDetails")[0].GetProperty("o:errorCode").GetString());

        var url = new Uri(sandbox.SuiteTalkUrl, SuiteQlClient.Path + "?limit=5");
        using var notTransient = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("{\"q\":\"SELECT id FROM item\"}") };
        await new TbaAuthorization(Credentials, TimeProvider.System).AuthorizeAsync(notTransient, default);
        using var refused = await http.SendAsync(notTransient);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Prefer: transient", await refused.Content.ReadAsStringAsync());
    }

    private SuiteQlClient Client() =>
        new(http, new TbaAuthorization(Credentials, TimeProvider.System), sandbox.SuiteTalkUrl, FastRetry, TimeProvider.System, NullLogger.Instance);

    private static string Text(int i) => i.ToString(CultureInfo.InvariantCulture);
}
