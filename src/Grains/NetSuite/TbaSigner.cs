using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcomOps.Grains.NetSuite;

/// <summary>OAuth 1.0a request signing (RFC 5849) as NetSuite's Token-Based Authentication uses it: HMAC-SHA256, the
/// account id as realm (which is not signed), and the request's query parameters (a RESTlet's script and deploy)
/// signed with the oauth_ parameters.</summary>
public static class TbaSigner
{
    public static string AuthorizationHeader(HttpMethod method, Uri uri, TbaCredentials credentials, string nonce, long timestamp,
        OAuthSignatureMethod signatureMethod = OAuthSignatureMethod.HmacSha256)
    {
        var oauth = OAuthParameters(credentials.ConsumerKey, credentials.TokenId, nonce, timestamp, signatureMethod);
        var signature = Sign(BaseString(method, uri, oauth), credentials.ConsumerSecret, credentials.TokenSecret, signatureMethod);
        var header = new StringBuilder("OAuth realm=\"").Append(Encode(NetSuiteAccount.Realm(credentials.AccountId))).Append('"');
        foreach (var (name, value) in oauth.Append(new KeyValuePair<string, string>("oauth_signature", signature)))
        {
            header.Append(',').Append(Encode(name)).Append("=\"").Append(Encode(value)).Append('"');
        }

        return header.ToString();
    }

    public static List<KeyValuePair<string, string>> OAuthParameters(string consumerKey, string token, string nonce, long timestamp, OAuthSignatureMethod signatureMethod) =>
    [
        new("oauth_consumer_key", consumerKey),
        new("oauth_token", token),
        new("oauth_signature_method", signatureMethod == OAuthSignatureMethod.HmacSha256 ? "HMAC-SHA256" : "HMAC-SHA1"),
        new("oauth_timestamp", timestamp.ToString(CultureInfo.InvariantCulture)),
        new("oauth_nonce", nonce),
        new("oauth_version", "1.0"),
    ];

    /// <summary>The signature base string (RFC 5849 section 3.4.1): method, base URI, and every query, form and oauth_
    /// parameter, encoded and sorted.</summary>
    public static string BaseString(HttpMethod method, Uri uri, IEnumerable<KeyValuePair<string, string>> oauthParameters, IEnumerable<KeyValuePair<string, string>>? formParameters = null)
    {
        var parameters = QueryParameters(uri)
            .Concat(oauthParameters.Where(p => p.Key is not ("realm" or "oauth_signature")))
            .Concat(formParameters ?? [])
            .Select(p => (Name: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value);
        var baseUri = $"{uri.Scheme.ToLowerInvariant()}://{uri.Host.ToLowerInvariant()}{(uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture))}{uri.AbsolutePath}";
        return $"{method.Method.ToUpperInvariant()}&{Encode(baseUri)}&{Encode(string.Join('&', parameters))}";
    }

    public static string Sign(string baseString, string consumerSecret, string tokenSecret, OAuthSignatureMethod signatureMethod)
    {
        var key = Encoding.UTF8.GetBytes(Encode(consumerSecret) + "&" + Encode(tokenSecret));
        var data = Encoding.UTF8.GetBytes(baseString);
        var hash = signatureMethod == OAuthSignatureMethod.HmacSha256 ? HMACSHA256.HashData(key, data) : HMACSHA1.HashData(key, data);
        return Convert.ToBase64String(hash);
    }

    /// <summary>RFC 3986 percent-encoding of UTF-8: everything but unreserved characters, with uppercase hex.</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<KeyValuePair<string, string>> QueryParameters(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            yield return new(Uri.UnescapeDataString(name.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' ')));
        }
    }
}
