using System.Security.Claims;
using System.Text.Encodings.Web;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EcomOps.WebFrontend.Auth;

/// <summary>API authentication: <c>Authorization: Bearer</c> with an access token we issued, or with an API key
/// (<c>eok_...</c>, also accepted as <c>X-Api-Key</c>), checked against its tenant's grain.</summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokens tokens,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var credential = Request.Headers["X-Api-Key"].FirstOrDefault();
        var authorization = Request.Headers.Authorization.FirstOrDefault();
        if (credential is null && authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            credential = authorization["Bearer ".Length..].Trim();
        }

        if (string.IsNullOrEmpty(credential))
        {
            return AuthenticateResult.NoResult();
        }

        if (ApiKeyFormat.TryParse(credential, out var tenantId, out var keyId, out var secret))
        {
            var key = await grains.GetGrain<ITenantGrain>(tenantId.ToString("N")).AuthenticateApiKeyAsync(keyId, secret);
            return key is null
                ? AuthenticateResult.Fail("The API key is not valid or was revoked.")
                : Success(Principals.ForApiKey(key, SchemeName));
        }

        if (tokens.Validate(credential) is not { } claims)
        {
            return AuthenticateResult.Fail("The access token is not valid or has expired.");
        }

        var identity = new ClaimsIdentity(SchemeName, EcomClaimTypes.Name, EcomClaimTypes.Role);
        foreach (var type in new[] { EcomClaimTypes.TenantId, EcomClaimTypes.UserId, EcomClaimTypes.Role, EcomClaimTypes.Name, EcomClaimTypes.Email })
        {
            if (claims.TryGetValue(type, out var value) && value?.ToString() is { } text)
            {
                identity.AddClaim(new Claim(type, text));
            }
        }

        identity.AddClaim(new Claim(EcomClaimTypes.ActorType, nameof(Grains.Common.ActorType.User)));
        return Success(new ClaimsPrincipal(identity));
    }

    private AuthenticateResult Success(ClaimsPrincipal principal) => AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
}
