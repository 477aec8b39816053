using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EcomOps.WebFrontend.Api;

namespace EcomOps.WebFrontend.Tests;

[Collection(PortalCollection.Name)]
public sealed class ApiKeyTests(PortalFixture fixture)
{
    [Fact]
    public async Task AKeyIsShownOnceWorksWithinItsScopeAndStopsWhenRevoked()
    {
        var owner = await fixture.RegisterAsync();
        using var create = await owner.Client.PostAsJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("reporting", "Read"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var created = (await create.Content.ReadFromJsonAsync<CreatedApiKeyResponse>(Json.Options))!;
        Assert.StartsWith("eok_", created.Secret);

        var listed = await owner.Client.GetStringAsync("/api/v1/api-keys");
        Assert.DoesNotContain(created.Secret, listed);
        Assert.Contains(created.Key.Prefix, listed);

        var key = fixture.ClientWith(created.Secret);
        using (var read = await key.GetAsync("/api/v1/tenant"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var write = await key.PostAsJsonAsync("/api/v1/users", new AddUserRequest("x@example.com", "X", "Viewer", null)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        }

        var keys = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/api-keys", Json.Options);
        Assert.Equal(JsonValueKind.String, keys[0].GetProperty("lastUsedAt").ValueKind);

        using (var revoke = await owner.Client.DeleteAsync($"/api/v1/api-keys/{created.Key.KeyId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using var afterRevoke = await key.GetAsync("/api/v1/tenant");
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);

        var audit = await owner.Client.GetStringAsync("/api/v1/audit?action=api_key.");
        Assert.Contains("api_key.created", audit);
        Assert.Contains("api_key.revoked", audit);
        Assert.DoesNotContain(created.Secret, audit);
    }

    [Fact]
    public async Task AKeyWithAWrongSecretIsRefused()
    {
        var owner = await fixture.RegisterAsync();
        using var create = await owner.Client.PostAsJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("ci", "Admin"));
        var created = (await create.Content.ReadFromJsonAsync<CreatedApiKeyResponse>(Json.Options))!;
        var forged = created.Secret[..^4] + (created.Secret.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var response = await fixture.ClientWith(forged).GetAsync("/api/v1/tenant");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
