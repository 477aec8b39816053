using System.Security.Claims;
using EcomOps.Grains.Tenancy;
using JWT.Algorithms;
using JWT.Builder;
using JWT.Exceptions;
using Microsoft.Extensions.Options;

namespace EcomOps.WebFrontend.Auth;

/// <summary>Short-lived HS256 access tokens for the HTTP API.</summary>
public sealed class AccessTokens(IOptions<AuthOptions> options, TimeProvider time)
{
    public (string Token, DateTimeOffset ExpiresAt) Issue(Guid tenantId, Member member)
    {
        var expiresAt = time.GetUtcNow() + options.Value.AccessTokenLifetime;
        var token = new JwtBuilder()
            .WithAlgorithm(new HMACSHA256Algorithm())
            .WithSecret(options.Value.SigningKeyBytes())
            .AddClaim("iss", options.Value.Issuer)
            .AddClaim("aud", options.Value.Issuer)
            .AddClaim("exp", expiresAt.ToUnixTimeSeconds())
            .AddClaim("iat", time.GetUtcNow().ToUnixTimeSeconds())
            .AddClaim("jti", Guid.NewGuid().ToString("N"))
            .AddClaim(EcomClaimTypes.UserId, member.UserId.ToString())
            .AddClaim(EcomClaimTypes.TenantId, tenantId.ToString("N"))
            .AddClaim(EcomClaimTypes.Role, member.Role.ToString())
            .AddClaim(EcomClaimTypes.Name, member.DisplayName)
            .AddClaim(EcomClaimTypes.Email, member.Email)
            .Encode();
        return (token, expiresAt);
    }

    /// <summary>The claims of a valid, unexpired token of ours; null for anything else.</summary>
    public IDictionary<string, object>? Validate(string token)
    {
        try
        {
            var claims = new JwtBuilder()
                .WithAlgorithm(new HMACSHA256Algorithm())
                .WithSecret(options.Value.SigningKeyBytes())
                .MustVerifySignature()
                .Decode<Dictionary<string, object>>(token);
            return claims.TryGetValue("iss", out var issuer) && issuer?.ToString() == options.Value.Issuer
                   && claims.TryGetValue("aud", out var audience) && audience?.ToString() == options.Value.Issuer
                ? claims
                : null;
        }
        catch (Exception exception) when (exception is TokenExpiredException or SignatureVerificationException or InvalidTokenPartsException
                                              or FormatException or ArgumentException or Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
