namespace EcomOps.Grains.NetSuite;

/// <summary>OAuth 1.0a signature methods. NetSuite accepts HMAC-SHA256 only (SHA-1 ended with 2023.1); SHA-1 remains
/// for checking the signer against the specification's published examples.</summary>
public enum OAuthSignatureMethod
{
    HmacSha256,
    HmacSha1,
}
