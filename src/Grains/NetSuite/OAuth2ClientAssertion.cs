using System.Buffers.Text;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EcomOps.Grains.NetSuite;

/// <summary>The signed JWT a client credentials token request carries, as NetSuite's "request token structure" says:
/// header <c>typ</c> JWT, <c>alg</c> PS256 for an RSA key or ES256 for an EC P-256 key (NetSuite no longer accepts
/// RS256), <c>kid</c> the certificate id; claims <c>iss</c> the client id, <c>scope</c> restlets and rest_webservices,
/// <c>aud</c> the token endpoint, <c>iat</c> and <c>exp</c>.</summary>
public static class OAuth2ClientAssertion
{
    /// <summary>How long an assertion is good for. NetSuite allows up to an hour; one token request needs seconds, and a
    /// short life limits what a leaked assertion is worth.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<string> Scopes { get; } = ["restlets", "rest_webservices"];

    public static string Create(OAuth2Credentials credentials, Uri tokenUrl, DateTimeOffset now)
    {
        using var key = SigningKey.Import(credentials.PrivateKeyPem);
        var issuedAt = now.ToUnixTimeSeconds();
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = key.Algorithm, ["typ"] = "JWT", ["kid"] = credentials.CertificateId });
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = credentials.ClientId,
            ["scope"] = Scopes,
            ["aud"] = tokenUrl.AbsoluteUri,
            ["iat"] = issuedAt,
            ["exp"] = issuedAt + (long)Lifetime.TotalSeconds,
        });
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(claims);
        return signingInput + "." + Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>The JWS algorithm the private key signs with (PS256 or ES256). Throws <see cref="ArgumentException"/>, with
    /// what to do, for anything NetSuite cannot use, so that a key can be checked when it is entered.</summary>
    public static string Algorithm(string privateKeyPem)
    {
        using var key = SigningKey.Import(privateKeyPem);
        return key.Algorithm;
    }

    private sealed class SigningKey(AsymmetricAlgorithm key) : IDisposable
    {
        private const string Expected = "Paste the certificate's private key in PEM, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY----- (RSA, or EC on P-256), without a password.";

        public string Algorithm => key is RSA ? "PS256" : "ES256";

        public byte[] Sign(byte[] data) => key is RSA rsa
            ? rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)
            : ((ECDsa)key).SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        public void Dispose() => key.Dispose();

        /// <summary>Takes the first private key in the text, so a PEM file holding the certificate and its key works too.</summary>
        public static SigningKey Import(string pem)
        {
            var rest = pem.AsSpan();
            while (PemEncoding.TryFind(rest, out var fields))
            {
                var label = rest[fields.Label].ToString();
                if (label is "PRIVATE KEY" or "RSA PRIVATE KEY" or "EC PRIVATE KEY")
                {
                    return FromDer(label, Convert.FromBase64String(rest[fields.Base64Data].ToString()));
                }

                if (label == "ENCRYPTED PRIVATE KEY")
                {
                    throw new ArgumentException("The private key is encrypted. " + Expected);
                }

                rest = rest[fields.Location.End..];
            }

            throw new ArgumentException("No private key found. " + Expected);
        }

        private static SigningKey FromDer(string label, byte[] der)
        {
            try
            {
                return label switch
                {
                    "RSA PRIVATE KEY" => Rsa(rsa => rsa.ImportRSAPrivateKey(der, out _)),
                    "EC PRIVATE KEY" => Ec(ec => ec.ImportECPrivateKey(der, out _)),
                    _ => IsEc(der) ? Ec(ec => ec.ImportPkcs8PrivateKey(der, out _)) : Rsa(rsa => rsa.ImportPkcs8PrivateKey(der, out _)),
                };
            }
            catch (Exception exception) when (exception is CryptographicException or AsnContentException)
            {
                throw new ArgumentException($"The private key cannot be read ({exception.Message}). " + Expected);
            }
        }

        private static bool IsEc(byte[] pkcs8)
        {
            var info = new AsnReader(pkcs8, AsnEncodingRules.DER).ReadSequence();
            info.ReadInteger();
            return info.ReadSequence().ReadObjectIdentifier() == "1.2.840.10045.2.1";
        }

        private static SigningKey Rsa(Action<RSA> import)
        {
            var rsa = RSA.Create();
            import(rsa);
            return new SigningKey(rsa);
        }

        private static SigningKey Ec(Action<ECDsa> import)
        {
            var ec = ECDsa.Create();
            import(ec);
            var size = ec.KeySize;
            if (size != 256)
            {
                ec.Dispose();
                throw new ArgumentException($"The EC key is on a {size}-bit curve; ES256 needs P-256. " + Expected);
            }

            return new SigningKey(ec);
        }
    }
}
