using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EcomOps.WebFrontend.Api;

namespace EcomOps.WebFrontend.Tests;

[Collection(PortalCollection.Name)]
public sealed class RequestHandlingTests(PortalFixture fixture)
{
    [Fact]
    public async Task ThePlansApiLimitAnswers429ExactlyPastIt()
    {
        var session = await fixture.RegisterAsync();
        var client = session.Client;
        var statuses = new List<HttpStatusCode>();

        // The bucket refills a call a second: on a slow machine 61 calls could earn one back.
        using var held = fixture.Clock.Hold();
        for (var i = 0; i < 61; i++)
        {
            using var response = await client.GetAsync("/api/v1/tenant");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.All(statuses.Take(60), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[60]);
    }

    [Fact]
    public async Task BadInputGetsAClearProblemAndWritesNothing()
    {
        var session = await fixture.RegisterAsync();
        var client = session.Client;
        var before = await CountAuditAsync(client);

        using (var malformed = await client.PostAsync("/api/v1/users", new StringContent("{\"email\": ", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        }

        using (var missing = await client.PostAsJsonAsync("/api/v1/users", new { displayName = "No Email" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            var errors = (await missing.Content.ReadFromJsonAsync<JsonElement>(Json.Options)).GetProperty("errors");
            Assert.True(errors.TryGetProperty("email", out _));
            Assert.True(errors.TryGetProperty("role", out _));
        }

        using (var badEmail = await client.PostAsJsonAsync("/api/v1/users", new AddUserRequest("not-an-email", "X", "Viewer", null)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
            Assert.True((await badEmail.Content.ReadFromJsonAsync<JsonElement>(Json.Options)).GetProperty("errors").TryGetProperty("email", out _));
        }

        using (var badRole = await client.PutAsJsonAsync($"/api/v1/users/{session.Tokens.UserId}/role", new ChangeRoleRequest("Emperor")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        }

        using (var oversized = await client.PostAsync("/api/v1/users", new StringContent(new string('x', 2 * 1024 * 1024), Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        }

        using (var unknown = await client.GetAsync($"/api/v1/users/{Guid.NewGuid()}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>(Json.Options);
            Assert.False(problem.TryGetProperty("stackTrace", out _));
            Assert.True(problem.TryGetProperty("correlationId", out _));
        }

        Assert.Single(await client.GetFromJsonAsync<JsonElement[]>("/api/v1/users", Json.Options) ?? []);
        Assert.Equal(before, await CountAuditAsync(client));
    }

    [Fact]
    public async Task EveryResponseCarriesTheCorrelationIdWhichReachesTheAuditTrail()
    {
        var session = await fixture.RegisterAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys") { Content = JsonContent.Create(new CreateApiKeyRequest("traced", "Read")) };
        request.Headers.Add("X-Correlation-ID", "trace-me-123");
        using var response = await session.Client.SendAsync(request);
        Assert.Equal("trace-me-123", response.Headers.GetValues("X-Correlation-ID").Single());

        var audit = await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=api_key.created", Json.Options);
        Assert.Equal("trace-me-123", audit.GetProperty("events")[0].GetProperty("correlationId").GetString());

        using var generated = await fixture.Api.GetAsync("/api/v1/health");
        Assert.Matches("^[0-9a-f]{32}$", generated.Headers.GetValues("X-Correlation-ID").Single());
    }

    [Fact]
    public async Task TheAuditTrailFiltersPagesByKeysetAndExportsCsv()
    {
        var session = await fixture.RegisterAsync();
        for (var i = 0; i < 5; i++)
        {
            (await session.Client.PostAsJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest($"key {i}", "Read"))).EnsureSuccessStatusCode();
        }

        var first = await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=api_key.created&limit=3", Json.Options);
        var firstIds = first.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(3, firstIds.Count);
        var next = first.GetProperty("nextBefore").GetInt64();
        var second = await session.Client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=api_key.created&limit=3&before={next}", Json.Options);
        var secondIds = second.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(2, secondIds.Count);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextBefore").ValueKind);
        Assert.True(firstIds.Concat(secondIds).SequenceEqual(firstIds.Concat(secondIds).OrderDescending()));
        Assert.Empty(firstIds.Intersect(secondIds));

        using var csv = await session.Client.GetAsync("/api/v1/audit/export.csv?action=api_key.created");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,occurred_at,actor_type", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Contains("api_key.created", l));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        var document = await fixture.Api.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Json.Options);
        var paths = document.GetProperty("paths");
        foreach (var path in new[]
                 {
                     "/api/v1/auth/login", "/api/v1/tenant", "/api/v1/users", "/api/v1/api-keys", "/api/v1/audit",
                     "/api/v1/connections", "/api/v1/connections/{connectionId}", "/api/v1/connections/{connectionId}/test",
                     "/api/v1/connections/{connectionId}/searches/{searchId}", "/api/v1/connections/{connectionId}/searches/{searchId}/run",
                     "/api/v1/syncs", "/api/v1/syncs/{datasetId}/runs", "/api/v1/datasets/{datasetId}/rows", "/api/v1/datasets/{datasetId}/csv",
                 })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        var rows = paths.GetProperty("/api/v1/datasets/{datasetId}/rows").GetProperty("get");
        Assert.Contains(rows.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "cursor");
        Assert.True(rows.GetProperty("responses").TryGetProperty("400", out _));
        var csv = paths.GetProperty("/api/v1/datasets/{datasetId}/csv").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(csv.TryGetProperty("text/csv", out _));
        var run = paths.GetProperty("/api/v1/connections/{connectionId}/searches/{searchId}/run").GetProperty("post").GetProperty("responses");
        Assert.True(run.TryGetProperty("202", out _));

        using var ui = await fixture.Api.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    private static async Task<int> CountAuditAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?limit=1000", Json.Options)).GetProperty("events").GetArrayLength();
}
