using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EcomOps.WebFrontend.Api;

namespace EcomOps.WebFrontend.Tests;

[Collection(PortalCollection.Name)]
public sealed class AuthApiTests(PortalFixture fixture)
{
    [Fact]
    public async Task RegisteringGivesAnOwnerWithTokensThatOpenTheApi()
    {
        var session = await fixture.RegisterAsync();
        Assert.Equal("Owner", session.Tokens.Role);

        var profile = await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/tenant", Json.Options);
        Assert.Equal("Trial", profile.GetProperty("plan").GetString());
        Assert.Equal("Europe/Berlin", profile.GetProperty("timeZone").GetString());

        using var anonymous = await fixture.Api.GetAsync("/api/v1/tenant");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnEmailRegistersOnce()
    {
        var session = await fixture.RegisterAsync();
        using var again = await fixture.Api.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("Other", session.Email, "Someone", "another long password", null));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>(Json.Options);
        Assert.Contains("already registered", problem.GetProperty("errors").GetProperty("email")[0].GetString());
    }

    [Fact]
    public async Task LoginSucceedsWithTheRightPasswordAndLocksAfterRepeatedFailures()
    {
        var session = await fixture.RegisterAsync();
        using (var ok = await fixture.Api.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(session.Email.ToUpperInvariant(), session.Password)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        for (var i = 0; i < 4; i++)
        {
            using var wrong = await fixture.Api.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(session.Email, "wrong password!"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var fifth = await fixture.Api.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(session.Email, "wrong password!")))
        {
            Assert.Equal(HttpStatusCode.Locked, fifth.StatusCode);
        }

        using var locked = await fixture.Api.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(session.Email, session.Password));
        Assert.Equal(HttpStatusCode.Locked, locked.StatusCode);

        var audit = await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=auth.sign_in&limit=20", Json.Options);
        var outcomes = audit.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(4, outcomes.Count(o => o == "failed"));
        Assert.Contains("failed_locked_out", outcomes);
        Assert.Contains("locked_out", outcomes);
        Assert.Contains("succeeded", outcomes);
    }

    [Fact]
    public async Task UnknownEmailsAndWrongPasswordsGetTheSameAnswer()
    {
        using var unknown = await fixture.Api.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("nobody@example.com", "whatever password"));
        var session = await fixture.RegisterAsync();
        using var wrong = await fixture.Api.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(session.Email, "whatever password"));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(
            (await unknown.Content.ReadFromJsonAsync<JsonElement>(Json.Options)).GetProperty("detail").GetString(),
            (await wrong.Content.ReadFromJsonAsync<JsonElement>(Json.Options)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RefreshTokensRotateAndReusingOneRevokesTheWholeFamily()
    {
        var session = await fixture.RegisterAsync();
        using var first = await fixture.Api.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(session.Tokens.RefreshToken));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var rotated = (await first.Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!;
        Assert.NotEqual(session.Tokens.RefreshToken, rotated.RefreshToken);

        using var reuse = await fixture.Api.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(session.Tokens.RefreshToken));
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Contains("already used", (await reuse.Content.ReadFromJsonAsync<JsonElement>(Json.Options)).GetProperty("detail").GetString());

        // The token issued by the legitimate rotation died with its family.
        using var afterReuse = await fixture.Api.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(rotated.RefreshToken));
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse.StatusCode);

        var audit = await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=auth.refresh_reuse_detected", Json.Options);
        Assert.Single(audit.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task LogoutRevokesTheRefreshToken()
    {
        var session = await fixture.RegisterAsync();
        using (var logout = await fixture.Api.PostAsJsonAsync("/api/v1/auth/logout", new RefreshRequest(session.Tokens.RefreshToken)))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var refresh = await fixture.Api.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(session.Tokens.RefreshToken));
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task ATamperedOrForeignAccessTokenIsRefused()
    {
        var session = await fixture.RegisterAsync();
        var parts = session.Tokens.AccessToken.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + new string('A', parts[2].Length);
        using var response = await fixture.ClientWith(forged).GetAsync("/api/v1/tenant");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
