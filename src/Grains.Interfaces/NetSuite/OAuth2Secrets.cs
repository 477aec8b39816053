namespace EcomOps.Grains.NetSuite;

/// <summary>An OAuth 2.0 client credentials integration: the integration record's client id, the certificate id NetSuite
/// showed when the certificate was mapped, and the certificate's private key in PEM. Written, never read back: no API
/// returns them.</summary>
public sealed record OAuth2Secrets(string ClientId, string CertificateId, string PrivateKeyPem)
{
    public override string ToString() => $"OAuth2Secrets {{ CertificateId = {CertificateId}, ClientId = ***, PrivateKeyPem = *** }}";
}
