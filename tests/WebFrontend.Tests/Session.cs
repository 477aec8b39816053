using EcomOps.WebFrontend.Api;

namespace EcomOps.WebFrontend.Tests;

/// <summary>A signed-in API caller: its tokens and a client that presents them.</summary>
public sealed record Session(PortalFixture Fixture, TokenResponse Tokens, string Email, string Password)
{
    public HttpClient Client => Fixture.ClientWith(Tokens.AccessToken);

    public Guid TenantId => Tokens.TenantId;
}
