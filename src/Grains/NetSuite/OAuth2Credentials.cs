namespace EcomOps.Grains.NetSuite;

/// <summary>OAuth 2.0 client credentials (machine to machine) of one NetSuite integration: the integration record's client
/// id, the certificate id NetSuite gave when the certificate was mapped to the integration, and the certificate's private
/// key (PEM, RSA or EC P-256) that signs the client assertion.</summary>
public sealed record OAuth2Credentials(string AccountId, string ClientId, string CertificateId, string PrivateKeyPem)
{
    public static OAuth2Credentials From(string accountId, OAuth2Secrets secrets) =>
        new(accountId, secrets.ClientId, secrets.CertificateId, secrets.PrivateKeyPem);

    // Records print their members; the key must never reach a log, nor the client id, which is half of what NetSuite checks.
    public override string ToString() => $"OAuth2Credentials {{ AccountId = {AccountId}, CertificateId = {CertificateId}, ClientId = ***, PrivateKeyPem = *** }}";
}
