using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcomOps.Grains.NetSuite;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>Checks a request's Token-Based Authentication header as NetSuite does: HMAC-SHA256 only, the realm naming a
/// known account, its consumer key and token, a timestamp within five minutes, a nonce never seen before, and a
/// signature over the request as it arrived.</summary>
public sealed class TbaVerifier(IReadOnlyDictionary<string, SandboxAccount> accounts, TimeProvider time)
{
    private static readonly TimeSpan TimestampWindow = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, DateTimeOffset> seenNonces = new();

    public SandboxAccount? Verify(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("OAuth ", StringComparison.Ordinal))
        {
            return null;
        }

        var parameters = Parse(header["OAuth ".Length..]);
        if (!parameters.TryGetValue("realm", out var realm) || !accounts.TryGetValue(realm, out var account)
            || parameters.GetValueOrDefault("oauth_signature_method") != "HMAC-SHA256"
            || parameters.GetValueOrDefault("oauth_version") != "1.0"
            || !Same(parameters.GetValueOrDefault("oauth_consumer_key"), account.Credentials.ConsumerKey)
            || !Same(parameters.GetValueOrDefault("oauth_token"), account.Credentials.TokenId)
            || !long.TryParse(parameters.GetValueOrDefault("oauth_timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > TimestampWindow
            || parameters.GetValueOrDefault("oauth_nonce") is not { Length: >= 6 } nonce
            || !parameters.TryGetValue("oauth_signature", out var signature))
        {
            return null;
        }

        var uri = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}");
        var expected = TbaSigner.Sign(
            TbaSigner.BaseString(new HttpMethod(request.Method), uri, parameters.Where(p => p.Key.StartsWith("oauth_", StringComparison.Ordinal))),
            account.Credentials.ConsumerSecret, account.Credentials.TokenSecret, OAuthSignatureMethod.HmacSha256);
        if (!Same(signature, expected) || !seenNonces.TryAdd($"{realm}:{nonce}", time.GetUtcNow()))
        {
            return null;
        }

        if (seenNonces.Count > 100_000)
        {
            foreach (var old in seenNonces.Where(n => time.GetUtcNow() - n.Value > TimestampWindow * 2).Select(n => n.Key).ToList())
            {
                seenNonces.TryRemove(old, out _);
            }
        }

        return account;
    }

    private static Dictionary<string, string> Parse(string header)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parameters[Uri.UnescapeDataString(part[..equals])] = Uri.UnescapeDataString(part[(equals + 1)..].Trim('"'));
            }
        }

        return parameters;
    }

    private static bool Same(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
