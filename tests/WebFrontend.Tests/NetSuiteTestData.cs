using System.Net;
using System.Net.Http.Json;
using EcomOps.Grains.NetSuite;
using EcomOps.WebFrontend.Api.NetSuite;

namespace EcomOps.WebFrontend.Tests;

/// <summary>Connections to the fixture's NetSuite sandbox, and the checks that its secrets never come back.</summary>
public static class NetSuiteTestData
{
    public const string Customers = "customsearch_ecomops_customers";
    public const string Items = "customsearch_ecomops_items";

    public static TbaCredentials Credentials => PortalFixture.SandboxCredentials;

    public static ConnectionRequest SandboxConnection(PortalFixture fixture, string name = "Sandbox", TbaRequest? tba = null) =>
        new(name, Credentials.AccountId, fixture.Sandbox.RestletUrl.ToString(), "Tba", tba ?? Tba());

    public static OAuth2Request OAuth2(string? certificateId = null) =>
        new(PortalFixture.SandboxOAuth2.ClientId, certificateId ?? PortalFixture.SandboxOAuth2.CertificateId, PortalFixture.SandboxOAuth2.PrivateKeyPem);

    public static TbaRequest Tba(string? tokenSecret = null) =>
        new(Credentials.ConsumerKey, Credentials.ConsumerSecret, Credentials.TokenId, tokenSecret ?? Credentials.TokenSecret);

    public static async Task<ConnectionInfo> CreateConnectionAsync(HttpClient client, PortalFixture fixture, string name = "Sandbox")
    {
        using var response = await client.PostAsJsonAsync("/api/v1/connections", SandboxConnection(fixture, name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConnectionInfo>(Json.Options))!;
    }

    /// <summary>Fails if any part of the sandbox's credentials (TBA or OAuth 2.0, or the wrong secret tests use) appears in the text.</summary>
    public static void HasNoSecrets(string text)
    {
        foreach (var secret in new[] { Credentials.ConsumerKey, Credentials.ConsumerSecret, Credentials.TokenId, Credentials.TokenSecret, WrongSecret, PortalFixture.SandboxOAuth2.ClientId, PortalFixture.SandboxOAuth2.PrivateKeyPem.Split('\n')[1] })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    public const string WrongSecret = "ts-not-the-right-one-SECRET";
}
