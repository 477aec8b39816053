namespace EcomOps.WebFrontend.Auth;

/// <summary>Sign-in and token settings (configuration section "Auth").</summary>
public sealed class AuthOptions
{
    /// <summary>Base64 key of at least 32 bytes that signs API access tokens (HS256). Shared by every frontend instance.</summary>
    public string JwtSigningKey { get; set; } = "";

    /// <summary>Issuer and audience written into access tokens. Default "ecomops".</summary>
    public string Issuer { get; set; } = "ecomops";

    /// <summary>How long an API access token lives. Default 15 min.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a portal session lasts without activity. Default 8 h.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    internal byte[] SigningKeyBytes()
    {
        try
        {
            return Convert.FromBase64String(JwtSigningKey);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
