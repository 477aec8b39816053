using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>Checks a client credentials assertion as NetSuite's token endpoint does: a JWT with <c>typ</c> JWT, an
/// <c>alg</c> NetSuite accepts (PS256/384/512, ES256/384/512; not RS256), <c>kid</c> a certificate id mapped for the
/// client <c>iss</c> names, a signature that verifies with that certificate's public key, <c>aud</c> the token endpoint
/// the request reached, <c>exp</c> in the future and at most 60 minutes after <c>iat</c>, and a <c>scope</c> of known
/// scopes (a JSON array, or a comma-separated string).</summary>
public sealed class ClientAssertionVerifier
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(60);
    private static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);
    private static readonly HashSet<string> AcceptedAlgorithms = ["PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];
    private static readonly HashSet<string> KnownScopes = ["restlets", "rest_webservices", "suite_analytics"];
    private readonly Dictionary<(string ClientId, string CertificateId), (SandboxOAuth2Client Client, AsymmetricAlgorithm Key)> certificates = [];
    private readonly HashSet<string> clientIds = new(StringComparer.Ordinal);
    private readonly TimeProvider time;

    public ClientAssertionVerifier(IEnumerable<SandboxOAuth2Client> clients, TimeProvider time)
    {
        this.time = time;
        foreach (var client in clients)
        {
            certificates.Add((client.ClientId, client.CertificateId), (client, PublicKey(client.PublicKeyPem)));
            clientIds.Add(client.ClientId);
        }
    }

    /// <summary>The client the assertion proves, and the scopes it asks for; throws <see cref="OAuth2Refusal"/>.</summary>
    internal (SandboxOAuth2Client Client, IReadOnlyList<string> Scopes) Verify(string assertion, string tokenUrl)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            throw new OAuth2Refusal("invalid_request", "MalformedAssertion: not a JWS compact serialization");
        }

        JsonElement header, claims;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement.Clone();
            claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.Clone();
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new OAuth2Refusal("invalid_request", "MalformedAssertion: " + exception.Message);
        }

        if (Text(header, "typ") is not { } typ || !typ.Equals("JWT", StringComparison.OrdinalIgnoreCase) || Text(header, "kid") is not { } kid
            || Text(header, "alg") is not { } alg || Text(claims, "iss") is not { } issuer)
        {
            throw new OAuth2Refusal("invalid_request", "MalformedAssertion: typ JWT, alg, kid and iss are required");
        }

        if (!AcceptedAlgorithms.Contains(alg))
        {
            throw new OAuth2Refusal("invalid_grant", $"UnsupportedAlgorithm: {alg}; NetSuite accepts PS256, PS384, PS512, ES256, ES384 and ES512");
        }

        if (!clientIds.Contains(issuer))
        {
            throw new OAuth2Refusal("invalid_client", "InvalidIntegration: no client credentials mapping for this client id");
        }

        if (!certificates.TryGetValue((issuer, kid), out var mapping))
        {
            throw new OAuth2Refusal("invalid_grant", "UnknownCertificate: the kid is no certificate mapped for this client");
        }

        if (!Verifies(alg, mapping.Key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature))
        {
            throw new OAuth2Refusal("invalid_grant", $"InvalidSignature: {alg} signature does not verify with the mapped certificate");
        }

        if (!Audiences(claims).Contains(tokenUrl, StringComparer.Ordinal))
        {
            throw new OAuth2Refusal("invalid_grant", $"InvalidAudience: aud must be {tokenUrl}");
        }

        if (Seconds(claims, "exp") is not { } expires || Seconds(claims, "iat") is not { } issued)
        {
            throw new OAuth2Refusal("invalid_request", "MalformedAssertion: iat and exp are required");
        }

        var now = time.GetUtcNow();
        if (expires <= now)
        {
            throw new OAuth2Refusal("invalid_grant", "AssertionExpired: exp is in the past");
        }

        if (expires - issued > MaxLifetime || issued > now + AllowedClockSkew)
        {
            throw new OAuth2Refusal("invalid_grant", "InvalidLifetime: exp must be at most 60 minutes after iat, and iat not in the future");
        }

        var scopes = Scopes(claims);
        if (scopes.Count == 0 || scopes.Any(s => !KnownScopes.Contains(s)))
        {
            throw new OAuth2Refusal("invalid_scope", "InvalidScope: scope must name restlets, rest_webservices or suite_analytics");
        }

        return (mapping.Client, scopes);
    }

    private static bool Verifies(string alg, AsymmetricAlgorithm key, byte[] data, byte[] signature)
    {
        var hash = alg[2..] switch
        {
            "256" => HashAlgorithmName.SHA256,
            "384" => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        };
        try
        {
            return key switch
            {
                RSA rsa when alg.StartsWith("PS", StringComparison.Ordinal) => rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pss),
                ECDsa ec when alg.StartsWith("ES", StringComparison.Ordinal) => ec.VerifyData(data, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static AsymmetricAlgorithm PublicKey(string pem)
    {
        if (pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return (AsymmetricAlgorithm?)certificate.GetRSAPublicKey() ?? certificate.GetECDsaPublicKey()
                ?? throw new ArgumentException("The certificate's key is neither RSA nor EC.", nameof(pem));
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (CryptographicException)
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return ec;
        }
    }

    private static IReadOnlyList<string> Audiences(JsonElement claims) => claims.TryGetProperty("aud", out var aud) ? aud.ValueKind switch
    {
        JsonValueKind.String => [aud.GetString()!],
        JsonValueKind.Array => aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList(),
        _ => [],
    } : [];

    private static List<string> Scopes(JsonElement claims) => claims.TryGetProperty("scope", out var scope) ? scope.ValueKind switch
    {
        JsonValueKind.String => scope.GetString()!.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
        JsonValueKind.Array => scope.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString()! : "").ToList(),
        _ => [],
    } : [];

    // NetSuite's own Python example sends fractional seconds, so any JSON number is a time.
    private static DateTimeOffset? Seconds(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.UnixEpoch.AddSeconds(value.GetDouble())
            : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
