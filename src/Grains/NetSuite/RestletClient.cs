using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace EcomOps.Grains.NetSuite;

/// <summary>Calls the saved-search RESTlet of one NetSuite account with Token-Based Authentication. Retries what
/// NetSuite says to retry (429, 5xx, time-outs, and the account concurrency limit, which a RESTlet reports as HTTP 400
/// SSS_REQUEST_LIMIT_EXCEEDED), with jittered backoff; everything else becomes a typed error at once. With
/// <paramref name="slots"/>, every attempt holds one of the account's concurrency slots, and none is held while
/// backing off.</summary>
public sealed class RestletClient(HttpClient http, TbaCredentials credentials, Uri restletUrl, RetryPolicy retry, TimeProvider time, ILogger logger, AccountSlots? slots = null)
{
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Attempts the last call needed, for run history.</summary>
    public int LastAttempts { get; private set; }

    public async Task<RestletResponse> RunAsync(RestletRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            LastAttempts = attempt;
            NetSuiteException? outcome;
            RestletResponse? response;
            TimeSpan? retryAfter;
            var slot = slots is null ? null : await slots.TakeAsync(cancellationToken);
            try
            {
                (outcome, response, retryAfter) = await SendAsync(request, cancellationToken);
            }
            finally
            {
                if (slot is not null)
                {
                    await slot.DisposeAsync();
                }
            }

            if (outcome is null)
            {
                return response!;
            }

            if (outcome is not RetryableNetSuiteException retryable || attempt >= retry.MaxAttempts)
            {
                throw outcome is RetryableNetSuiteException last ? new NetSuiteException(last.Code, $"{last.Message} (gave up after {attempt} attempts)") : outcome;
            }

            var delay = retry.Delay(attempt, retryAfter, Random.Shared);
            logger.LogInformation("NetSuite {Account} answered {Code}; retry {Attempt} in {Delay}", credentials.AccountId, retryable.Code, attempt, delay);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private async Task<(NetSuiteException? Failure, RestletResponse? Response, TimeSpan? RetryAfter)> SendAsync(RestletRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, restletUrl) { Content = JsonContent.Create(request, options: RestletJson.Options) };
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        message.Headers.TryAddWithoutValidation("Authorization", TbaSigner.AuthorizationHeader(HttpMethod.Post, restletUrl, credentials, nonce, time.GetUtcNow().ToUnixTimeSeconds()));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            return (new RetryableNetSuiteException("CONNECTION_FAILED", $"Could not reach NetSuite: {exception.Message}"), null, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (new RetryableNetSuiteException("TIMEOUT", "NetSuite did not answer in time."), null, null);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                try
                {
                    var parsed = JsonSerializer.Deserialize<RestletResponse>(body, ReadOptions) ?? throw new JsonException("empty body");
                    return parsed.Ok
                        ? (null, parsed, null)
                        : (new NetSuiteException(parsed.Error?.Code ?? "UNEXPECTED", parsed.Error?.Message ?? "The RESTlet reported an error."), null, null);
                }
                catch (JsonException exception)
                {
                    return (new RetryableNetSuiteException("MALFORMED_RESPONSE", $"The RESTlet's answer is not valid JSON: {exception.Message}"), null, null);
                }
            }

            var (code, text) = ReadError(body);
            return response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => (new NetSuiteAuthenticationException(code ?? "INVALID_LOGIN_ATTEMPT",
                    $"NetSuite refused the credentials for account {credentials.AccountId}: {text ?? "invalid login attempt"}. Check the consumer key and secret, the token, and the account id."), null, null),
                HttpStatusCode.BadRequest when code is "SSS_REQUEST_LIMIT_EXCEEDED" => (new RetryableNetSuiteException(code, "NetSuite's concurrency limit for the account is reached."), null, retryAfter),
                HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError => (new RetryableNetSuiteException(code ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"NetSuite answered {(int)response.StatusCode}: {text}"), null, retryAfter),
                _ => (new NetSuiteException(code ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), $"NetSuite answered {(int)response.StatusCode}: {text}"), null, null),
            };
        }
    }

    /// <summary>NetSuite's error shape: <c>{"error": {"code": "...", "message": "..."}}</c>.</summary>
    private static (string? Code, string? Message) ReadError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                return (error.TryGetProperty("code", out var c) ? c.GetString() : null, error.TryGetProperty("message", out var m) ? m.GetString() : null);
            }
        }
        catch (JsonException)
        {
        }

        return (null, body.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)]));
    }

    private sealed class RetryableNetSuiteException(string code, string message) : NetSuiteException(code, message);
}
