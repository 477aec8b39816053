namespace EcomOps.WebFrontend.Api.NetSuite;

/// <summary>An OAuth 2.0 client credentials integration: the integration record's client id, the certificate id NetSuite
/// showed when the certificate was mapped, and the certificate's private key in PEM (RSA for PS256, or EC P-256 for
/// ES256). Written, never returned.</summary>
public sealed record OAuth2Request(string? ClientId, string? CertificateId, string? PrivateKeyPem)
{
    // Records print their members; these hold secrets, which must never reach a log.
    public override string ToString() => "OAuth2Request { *** }";
}
