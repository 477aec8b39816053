namespace EcomOps.Sandboxes.NetSuite;

/// <summary>An OAuth 2.0 client credentials mapping in a sandbox account, as an administrator makes one under OAuth 2.0
/// Client Credentials (M2M) Setup: the integration record's client id, the certificate id NetSuite shows for the
/// mapping, and the certificate's public key (a PUBLIC KEY or CERTIFICATE PEM, RSA or EC). An account may have several,
/// as NetSuite allows while a certificate is rotated.</summary>
public sealed record SandboxOAuth2Client(string AccountId, string ClientId, string CertificateId, string PublicKeyPem);
