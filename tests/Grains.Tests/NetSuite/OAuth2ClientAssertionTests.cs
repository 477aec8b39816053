using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using EcomOps.Grains.NetSuite;

namespace EcomOps.Grains.Tests.NetSuite;

public sealed class OAuth2ClientAssertionTests
{
    private static readonly Uri TokenUrl = new("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SignsWithPs256ForAnRsaKeyWithTheHeaderAndClaimsNetSuiteReads()
    {
        var (privatePem, publicPem) = TestKeys.Rsa();
        var jwt = OAuth2ClientAssertion.Create(new OAuth2Credentials("1234567_SB1", "client-123", "cert-abc", privatePem), TokenUrl, Now);

        var (header, claims, signingInput, signature) = Split(jwt);
        Assert.Equal("PS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal("cert-abc", header.GetProperty("kid").GetString());
        Assert.Equal("client-123", claims.GetProperty("iss").GetString());
        Assert.Equal(["restlets", "rest_webservices"], claims.GetProperty("scope").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(TokenUrl.AbsoluteUri, claims.GetProperty("aud").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        var lifetime = claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64();
        Assert.InRange(lifetime, 1, 3600);

        using var rsa = RSA.Create();
        rsa.ImportFromPem(publicPem);
        Assert.True(rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        // PS256 and not RS256, which NetSuite no longer accepts.
        Assert.False(rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void SignsWithEs256ForAnEcP256Key()
    {
        var (privatePem, publicPem) = TestKeys.Ec();
        var jwt = OAuth2ClientAssertion.Create(new OAuth2Credentials("1234567", "client-ec", "cert-ec", privatePem), TokenUrl, Now);

        var (header, claims, signingInput, signature) = Split(jwt);
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal("cert-ec", header.GetProperty("kid").GetString());
        Assert.Equal("client-ec", claims.GetProperty("iss").GetString());
        Assert.Equal(64, signature.Length);

        using var ec = ECDsa.Create();
        ec.ImportFromPem(publicPem);
        Assert.True(ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        signingInput[^1] ^= 1;
        Assert.False(ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void ReadsTheKeyFormsAdministratorsHold()
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal("PS256", OAuth2ClientAssertion.Algorithm(rsa.ExportRSAPrivateKeyPem()));
        Assert.Equal("PS256", OAuth2ClientAssertion.Algorithm(rsa.ExportPkcs8PrivateKeyPem()));
        Assert.Equal("ES256", OAuth2ClientAssertion.Algorithm(ec.ExportECPrivateKeyPem()));
        Assert.Equal("ES256", OAuth2ClientAssertion.Algorithm(ec.ExportPkcs8PrivateKeyPem()));

        // openssl req -x509 -newkey ... -out both.pem writes the certificate before the key.
        using var certificate = new CertificateRequest("CN=ecomops", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1));
        Assert.Equal("PS256", OAuth2ClientAssertion.Algorithm(certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem()));
    }

    [Fact]
    public void RefusesWhatCannotSignForNetSuiteSayingWhatToPaste()
    {
        using var rsa = RSA.Create(2048);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Contains("No private key", Assert.Throws<ArgumentException>(() => OAuth2ClientAssertion.Algorithm(rsa.ExportSubjectPublicKeyInfoPem())).Message);
        Assert.Contains("encrypted", Assert.Throws<ArgumentException>(() => OAuth2ClientAssertion.Algorithm(
            rsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)))).Message);
        Assert.Contains("P-256", Assert.Throws<ArgumentException>(() => OAuth2ClientAssertion.Algorithm(p384.ExportPkcs8PrivateKeyPem())).Message);
        Assert.Contains("BEGIN PRIVATE KEY", Assert.Throws<ArgumentException>(() => OAuth2ClientAssertion.Algorithm("not a key")).Message);
    }

    [Fact]
    public void CredentialsAndSecretsNeverPrintTheKeyOrTheClientId()
    {
        var (privatePem, _) = TestKeys.Ec();
        var body = privatePem.Split('\n')[1];
        foreach (var text in new[] { new OAuth2Credentials("1234567", "client-id-secretish", "cert-1", privatePem).ToString(), new OAuth2Secrets("client-id-secretish", "cert-1", privatePem).ToString() })
        {
            Assert.DoesNotContain(body, text);
            Assert.DoesNotContain("client-id-secretish", text);
            Assert.Contains("cert-1", text);
        }
    }

    private static (JsonElement Header, JsonElement Claims, byte[] SigningInput, byte[] Signature) Split(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        return (JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement, JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement,
            Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]));
    }
}
