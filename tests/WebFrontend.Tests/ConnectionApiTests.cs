using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EcomOps.Grains.NetSuite;
using EcomOps.WebFrontend.Api;
using EcomOps.WebFrontend.Api.NetSuite;
using static EcomOps.WebFrontend.Tests.NetSuiteTestData;

namespace EcomOps.WebFrontend.Tests;

/// <summary>/api/v1/connections against the NetSuite sandbox: the whole life of a connection, its credentials never
/// in an answer, and bad input refused by field before anything is written.</summary>
[Collection(PortalCollection.Name)]
public sealed class ConnectionApiTests(PortalFixture fixture)
{
    [Fact]
    public async Task AConnectionIsCreatedReadChangedTestedAndDeletedWithoutItsSecretsEverComingBack()
    {
        var owner = await fixture.RegisterAsync();
        var client = owner.Client;
        var answers = new List<string>();

        using var create = await client.PostAsJsonAsync("/api/v1/connections", SandboxConnection(fixture, "NetSuite sandbox"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        answers.Add(await create.Content.ReadAsStringAsync());
        var created = (await create.Content.ReadFromJsonAsync<ConnectionInfo>(Json.Options))!;
        Assert.Equal($"/api/v1/connections/{created.ConnectionId}", create.Headers.Location!.OriginalString);
        Assert.True(created.HasCredentials);
        Assert.Equal(Credentials.AccountId, created.AccountId);
        Assert.Null(created.LastTest);

        var url = $"/api/v1/connections/{created.ConnectionId}";
        answers.Add(await client.GetStringAsync(url));
        answers.Add(await client.GetStringAsync("/api/v1/connections"));
        var listed = await client.GetFromJsonAsync<ConnectionInfo[]>("/api/v1/connections", Json.Options);
        Assert.Equal(created.ConnectionId, Assert.Single(listed!).ConnectionId);

        var test = await PostTestAsync(client, url, answers);
        Assert.Equal(ConnectionTestOutcome.Succeeded, test.Outcome);

        // Without credentials, an update keeps the stored ones: the connection still works.
        using (var rename = await client.PutAsJsonAsync(url, new ConnectionRequest("Renamed", Credentials.AccountId, fixture.Sandbox.RestletUrl.ToString(), null, null)))
        {
            Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
            answers.Add(await rename.Content.ReadAsStringAsync());
            var renamed = (await rename.Content.ReadFromJsonAsync<ConnectionInfo>(Json.Options))!;
            Assert.Equal("Renamed", renamed.Name);
            Assert.True(renamed.HasCredentials);
        }

        Assert.Equal(ConnectionTestOutcome.Succeeded, (await PostTestAsync(client, url, answers)).Outcome);

        // New credentials replace them, and the test says exactly what is wrong with them.
        using (var replace = await client.PutAsJsonAsync(url, SandboxConnection(fixture, "Renamed", Tba(WrongSecret))))
        {
            Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
            answers.Add(await replace.Content.ReadAsStringAsync());
        }

        var refused = await PostTestAsync(client, url, answers);
        Assert.Equal(ConnectionTestOutcome.BadCredentials, refused.Outcome);
        Assert.Contains("credentials", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ConnectionTestOutcome.BadCredentials, (await client.GetFromJsonAsync<ConnectionInfo>(url, Json.Options))!.LastTest!.Outcome);

        using (var delete = await client.DeleteAsync(url))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using (var gone = await client.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        }

        using (var testGone = await client.PostAsync(url + "/test", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, testGone.StatusCode);
        }

        var audit = await client.GetStringAsync("/api/v1/audit/export.csv?action=connection.");
        foreach (var action in new[] { "connection.created", "connection.updated", "connection.tested", "connection.deleted" })
        {
            Assert.Contains(action, audit);
        }

        answers.Add(audit);
        Assert.All(answers, HasNoSecrets);
    }

    [Fact]
    public async Task AConnectionSigningWithOAuth2ClientCredentialsWorksAndSwitchingMethodNeedsTheNewCredentials()
    {
        var owner = await fixture.RegisterAsync();
        var client = owner.Client;
        var answers = new List<string>();
        var request = SandboxConnection(fixture, "OAuth 2.0") with { AuthMethod = "OAuth2ClientCredentials", Tba = null, OAuth2 = OAuth2() };
        using var create = await client.PostAsJsonAsync("/api/v1/connections", request);
        answers.Add(await create.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var created = (await create.Content.ReadFromJsonAsync<ConnectionInfo>(Json.Options))!;
        Assert.Equal((NetSuiteAuthMethod.OAuth2ClientCredentials, true), (created.AuthMethod, created.HasCredentials));
        var url = $"/api/v1/connections/{created.ConnectionId}";
        Assert.Equal(ConnectionTestOutcome.Succeeded, (await PostTestAsync(client, url, answers)).Outcome);

        // A certificate NetSuite does not know is refused as bad credentials.
        using (var update = await client.PutAsJsonAsync(url, request with { OAuth2 = OAuth2("cert-nobody-mapped") }))
        {
            answers.Add(await update.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        Assert.Equal(ConnectionTestOutcome.BadCredentials, (await PostTestAsync(client, url, answers)).Outcome);

        // Changing the method needs the other method's credentials; with them, it signs that way.
        using (var switchWithout = await client.PutAsJsonAsync(url, request with { AuthMethod = "Tba", OAuth2 = null }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, switchWithout.StatusCode);
            Assert.True((await switchWithout.Content.ReadFromJsonAsync<JsonElement>(Json.Options)).GetProperty("errors").TryGetProperty("tba", out _));
        }

        using (var switchWith = await client.PutAsJsonAsync(url, request with { AuthMethod = "Tba", OAuth2 = null, Tba = Tba() }))
        {
            answers.Add(await switchWith.Content.ReadAsStringAsync());
            Assert.Equal(NetSuiteAuthMethod.Tba, (await switchWith.Content.ReadFromJsonAsync<ConnectionInfo>(Json.Options))!.AuthMethod);
        }

        Assert.Equal(ConnectionTestOutcome.Succeeded, (await PostTestAsync(client, url, answers)).Outcome);
        answers.Add(await client.GetStringAsync("/api/v1/audit/export.csv?action=connection."));
        Assert.All(answers, HasNoSecrets);
    }

    [Fact]
    public async Task AnotherTenantsConnectionIsNotFound()
    {
        var first = await fixture.RegisterAsync();
        var second = await fixture.RegisterAsync();
        var connection = await CreateConnectionAsync(first.Client, fixture);
        var url = $"/api/v1/connections/{connection.ConnectionId}";
        foreach (var call in new Func<HttpClient, Task<HttpResponseMessage>>[]
                 {
                     c => c.GetAsync(url),
                     c => c.PutAsJsonAsync(url, SandboxConnection(fixture, "Stolen")),
                     c => c.PostAsync(url + "/test", null),
                     c => c.DeleteAsync(url),
                 })
        {
            using var response = await call(second.Client);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal("Sandbox", (await first.Client.GetFromJsonAsync<ConnectionInfo>(url, Json.Options))!.Name);
    }

    [Fact]
    public async Task ThePlanLimitsHowManyConnectionsThereAre()
    {
        var owner = await fixture.RegisterAsync();
        await CreateConnectionAsync(owner.Client, fixture);
        using var second = await owner.Client.PostAsJsonAsync("/api/v1/connections", SandboxConnection(fixture, "Second"));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("plan", (await second.Content.ReadFromJsonAsync<JsonElement>(Json.Options)).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task BadInputIsA400NamingTheFieldAndWritesNothing()
    {
        var owner = await fixture.RegisterAsync();
        var client = owner.Client;
        var auditBefore = await CountAuditAsync(client);
        var good = SandboxConnection(fixture);
        var cases = new (string Field, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("tba", () => client.PostAsJsonAsync("/api/v1/connections", good with { Tba = null })),
            ("tba.tokenSecret", () => client.PostAsJsonAsync("/api/v1/connections", good with { Tba = Tba() with { TokenSecret = " " } })),
            ("name", () => client.PostAsJsonAsync("/api/v1/connections", good with { Name = null })),
            ("restletUrl", () => client.PostAsJsonAsync("/api/v1/connections", good with { RestletUrl = "restlet.nl?script=1" })),
            ("restletUrl", () => client.PostAsJsonAsync("/api/v1/connections", good with { RestletUrl = "ftp://example.com/restlet" })),
            ("authMethod", () => client.PostAsJsonAsync("/api/v1/connections", good with { AuthMethod = "Basic" })),
            ("tba", () => client.PostAsJsonAsync("/api/v1/connections", good with { AuthMethod = "OAuth2ClientCredentials", OAuth2 = OAuth2() })),
            ("oauth2", () => client.PostAsJsonAsync("/api/v1/connections", good with { AuthMethod = "OAuth2ClientCredentials", Tba = null })),
            ("oauth2", () => client.PostAsJsonAsync("/api/v1/connections", good with { OAuth2 = OAuth2() })),
            ("oauth2.certificateId", () => client.PostAsJsonAsync("/api/v1/connections", good with { AuthMethod = "OAuth2ClientCredentials", Tba = null, OAuth2 = OAuth2() with { CertificateId = "" } })),
            ("oauth2.privateKeyPem", () => client.PostAsJsonAsync("/api/v1/connections", good with { AuthMethod = "OAuth2ClientCredentials", Tba = null, OAuth2 = OAuth2() with { PrivateKeyPem = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----" } })),
            ("accountId", () => client.PostAsJsonAsync("/api/v1/connections", good with { AccountId = "12 34; drop" })),
            ("tba.consumerKey", () => client.PutAsJsonAsync($"/api/v1/connections/{Guid.NewGuid()}", good with { Tba = Tba() with { ConsumerKey = null } })),
            ("searchId", () => client.PutAsJsonAsync($"/api/v1/connections/{Guid.NewGuid()}/searches/Customer%20Search", new SearchRequest("Customers", "Full", null))),
            ("mode", () => client.PutAsJsonAsync($"/api/v1/connections/{Guid.NewGuid()}/searches/{Customers}", new SearchRequest("Customers", "Sideways", null))),
            ("schedule.kind", () => client.PutAsJsonAsync($"/api/v1/connections/{Guid.NewGuid()}/searches/{Customers}", new SearchRequest("Customers", "Full", new ScheduleRequest("Weekly", null, null)))),
            ("schedule.everyMinutes", () => client.PutAsJsonAsync($"/api/v1/connections/{Guid.NewGuid()}/searches/{Customers}", new SearchRequest("Customers", "Full", new ScheduleRequest("Interval", null, null)))),
            ("schedule.dailyAt", () => client.PutAsJsonAsync($"/api/v1/connections/{Guid.NewGuid()}/searches/{Customers}", new SearchRequest("Customers", "Full", new ScheduleRequest("Daily", null, "25:00")))),
            ("mode", () => client.PostAsJsonAsync($"/api/v1/connections/{Guid.NewGuid()}/searches/{Customers}/run", new RunRequest("Partial"))),
            ("searchId", () => client.PostAsync($"/api/v1/connections/{Guid.NewGuid()}/searches/SELECT/cancel", null)),
            ("datasetId", () => client.GetAsync("/api/v1/syncs/not-a-dataset")),
            ("datasetId", () => client.GetAsync($"/api/v1/syncs/{Guid.NewGuid():N}_Bad-Search/runs")),
            ("datasetId", () => client.GetAsync("/api/v1/datasets/nope/rows")),
            ("datasetId", () => client.GetAsync($"/api/v1/datasets/{Guid.NewGuid()}_{Customers}/csv")),
            ("limit", () => client.GetAsync($"/api/v1/datasets/{DatasetId.Of(Guid.NewGuid(), Customers)}/rows?limit=0")),
            ("limit", () => client.GetAsync($"/api/v1/syncs/{DatasetId.Of(Guid.NewGuid(), Customers)}/runs?limit=lots")),
            ("sort", () => client.GetAsync($"/api/v1/datasets/{DatasetId.Of(Guid.NewGuid(), Customers)}/rows?sort=name")),
            ("desc", () => client.GetAsync($"/api/v1/datasets/{DatasetId.Of(Guid.NewGuid(), Customers)}/rows?desc=maybe")),
            ("filterColumn", () => client.GetAsync($"/api/v1/datasets/{DatasetId.Of(Guid.NewGuid(), Customers)}/rows?filterColumn=-1")),
            ("columns", () => client.GetAsync($"/api/v1/datasets/{DatasetId.Of(Guid.NewGuid(), Customers)}/csv?columns=1,x")),
        };

        foreach (var (field, call) in cases)
        {
            using var response = await call();
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} answered {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{response.RequestMessage.RequestUri}: expected an error for '{field}', got {errors}");
            HasNoSecrets(body);
        }

        Assert.Equal(auditBefore, await CountAuditAsync(client));
        Assert.Empty((await client.GetFromJsonAsync<ConnectionInfo[]>("/api/v1/connections", Json.Options))!);
    }

    private static async Task<ConnectionTestResult> PostTestAsync(HttpClient client, string url, List<string> answers)
    {
        using var response = await client.PostAsync(url + "/test", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        answers.Add(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ConnectionTestResult>(Json.Options))!;
    }

    private static async Task<int> CountAuditAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?limit=1000", Json.Options)).GetProperty("events").GetArrayLength();
}
