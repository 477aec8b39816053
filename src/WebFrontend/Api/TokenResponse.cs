namespace EcomOps.WebFrontend.Api;

/// <summary>Tokens for the HTTP API: a short-lived access token and a rotating refresh token.</summary>
public sealed record TokenResponse(string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt, Guid TenantId, Guid UserId, string Role);
