using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EcomOps.Grains.NetSuite;

/// <summary>Access tokens from NetSuite's OAuth 2.0 token endpoint, one per integration, certificate, key and endpoint,
/// each kept until <see cref="RefreshBeforeExpiry"/> before it expires: a sync's thousands of requests cost one token
/// request an hour. Callers needing a token at the same moment share one token request.</summary>
public sealed class OAuth2TokenCache(TimeProvider time)
{
    /// <summary>A token is replaced this long before it expires, so that no request leaves with a token about to lapse.</summary>
    public static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<Key, Lazy<Task<AccessToken>>> entries = new();

    /// <summary>A usable access token. Throws <see cref="NetSuiteAuthenticationException"/> when NetSuite refuses the
    /// client assertion or the key cannot sign one, and a retryable <see cref="NetSuiteException"/> when the token
    /// endpoint is unreachable or busy.</summary>
    public async Task<string> GetAsync(HttpClient http, OAuth2Credentials credentials, Uri tokenUrl, CancellationToken cancellationToken)
    {
        var key = Key.For(credentials, tokenUrl);
        while (true)
        {
            var entry = entries.GetOrAdd(key, _ => NewEntry(http, credentials, tokenUrl));
            if (!IsStale(entry))
            {
                // The token request is shared, so one caller giving up must not cancel it for the others.
                return (await entry.Value.WaitAsync(cancellationToken)).Value;
            }

            entries.TryUpdate(key, NewEntry(http, credentials, tokenUrl), entry);
        }
    }

    /// <summary>Drops <paramref name="accessToken"/> if it is still the cached one, after NetSuite refused it (revoked, or
    /// the mapping changed), so that the next caller gets a fresh token.</summary>
    public void Forget(OAuth2Credentials credentials, Uri tokenUrl, string accessToken)
    {
        var key = Key.For(credentials, tokenUrl);
        if (entries.TryGetValue(key, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.Result.Value == accessToken)
        {
            entries.TryRemove(new KeyValuePair<Key, Lazy<Task<AccessToken>>>(key, entry));
        }
    }

    private bool IsStale(Lazy<Task<AccessToken>> entry) =>
        entry.IsValueCreated && entry.Value.IsCompleted && (!entry.Value.IsCompletedSuccessfully || entry.Value.Result.RefreshAt <= time.GetUtcNow());

    private Lazy<Task<AccessToken>> NewEntry(HttpClient http, OAuth2Credentials credentials, Uri tokenUrl) =>
        new(() => RequestAsync(http, credentials, tokenUrl), LazyThreadSafetyMode.ExecutionAndPublication);

    private async Task<AccessToken> RequestAsync(HttpClient http, OAuth2Credentials credentials, Uri tokenUrl)
    {
        var sentAt = time.GetUtcNow();
        string assertion;
        try
        {
            assertion = OAuth2ClientAssertion.Create(credentials, tokenUrl, sentAt);
        }
        catch (ArgumentException exception)
        {
            throw new NetSuiteAuthenticationException("INVALID_PRIVATE_KEY", $"The OAuth 2.0 private key for account {credentials.AccountId} cannot sign: {exception.Message}");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                new("client_assertion", assertion),
            ]),
        };
        HttpResponseMessage? response = null;
        try
        {
            byte[] body;
            try
            {
                response = await http.SendAsync(request, CancellationToken.None);
                body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
            }
            catch (HttpRequestException exception)
            {
                throw new RetryableNetSuiteException("CONNECTION_FAILED", $"Could not reach NetSuite's token endpoint: {exception.Message}");
            }
            catch (TaskCanceledException)
            {
                throw new RetryableNetSuiteException("TIMEOUT", "NetSuite's token endpoint did not answer in time.");
            }

            return response.IsSuccessStatusCode ? Read(body, sentAt) : throw Refusal(response, body, credentials);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private static AccessToken Read(byte[] body, DateTimeOffset sentAt)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var token = root.GetProperty("access_token").GetString();
            var type = root.GetProperty("token_type").GetString();
            // NetSuite documents expires_in as always 3600 without saying whether as a number or a string; both are read.
            var expiresIn = root.GetProperty("expires_in") is { ValueKind: JsonValueKind.String } text
                ? int.Parse(text.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture)
                : root.GetProperty("expires_in").GetInt32();
            if (string.IsNullOrEmpty(token) || !string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase) || expiresIn <= 0)
            {
                throw new FormatException("not a bearer token with a lifetime");
            }

            // Timed from the request's departure, so the cache never believes a token lives longer than it does.
            var expiresAt = sentAt.AddSeconds(expiresIn);
            return new AccessToken(token, expiresAt - RefreshBeforeExpiry);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new RetryableNetSuiteException("MALFORMED_RESPONSE", $"NetSuite's token endpoint answered something that is not an access token: {exception.Message}");
        }
    }

    private Exception Refusal(HttpResponseMessage response, byte[] body, OAuth2Credentials credentials)
    {
        var (code, description) = NetSuiteErrorBody.Read(body);
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
        {
            var retryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - time.GetUtcNow(),
                _ => (TimeSpan?)null,
            };
            return new RetryableNetSuiteException(code ?? status.ToString(CultureInfo.InvariantCulture), $"NetSuite's token endpoint answered {status}: {description}", retryAfter);
        }

        var advice = code switch
        {
            "invalid_client" => "Check the client id (the integration record's client id) and that the integration allows the client credentials grant.",
            "invalid_scope" => "The integration record must allow the RESTlets and REST web services scopes.",
            _ => "Check the certificate id, that the private key belongs to the certificate mapped to this integration under OAuth 2.0 Client Credentials (M2M) Setup, that the mapping is neither revoked nor expired, and that this server's clock is right.",
        };
        return new NetSuiteAuthenticationException(code ?? status.ToString(CultureInfo.InvariantCulture),
            $"NetSuite's token endpoint refused the client assertion for account {credentials.AccountId} ({code ?? status.ToString(CultureInfo.InvariantCulture)}{(description is null ? "" : ": " + description)}). {advice}");
    }

    private sealed record AccessToken(string Value, DateTimeOffset RefreshAt)
    {
        public override string ToString() => $"AccessToken {{ RefreshAt = {RefreshAt:O} }}";
    }

    /// <summary>The key's digest stands for the key, so that a new key gets a new token and the cache holds no key twice.</summary>
    private readonly record struct Key(string Realm, string ClientId, string CertificateId, string TokenUrl, string KeyDigest)
    {
        public static Key For(OAuth2Credentials credentials, Uri tokenUrl) => new(
            NetSuiteAccount.Realm(credentials.AccountId), credentials.ClientId, credentials.CertificateId, tokenUrl.AbsoluteUri,
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credentials.PrivateKeyPem))));
    }
}
