using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace EcomOps.Grains.NetSuite;

/// <summary>Sends requests to one NetSuite account for the RESTlet and SuiteQL clients, and retries what NetSuite says to
/// retry: 429 (how REST web services refuse a request over the account's concurrency limit), 5xx, time-outs, cut-short
/// answers, and a RESTlet's HTTP 400 SSS_REQUEST_LIMIT_EXCEEDED (the same limit, reported the RESTlet way). Waits are
/// jittered, and never shorter than a Retry-After. A refused bearer token is dropped and the request tried once more
/// with a fresh one; other refusals, and every other error, become typed errors at once. With <paramref name="slots"/>,
/// every attempt holds one of the account's concurrency slots, and none is held while backing off.</summary>
internal sealed class NetSuiteRequestSender(HttpClient http, NetSuiteAuthorization authorization, RetryPolicy retry, TimeProvider time, ILogger logger, AccountSlots? slots)
{
    /// <summary>Attempts the last call needed, for run history.</summary>
    public int LastAttempts { get; private set; }

    /// <summary>Sends the request <paramref name="createRequest"/> makes (afresh for every attempt, as a sent request
    /// cannot be sent again) and reads a 200 answer with <paramref name="readAnswer"/>, which may throw a
    /// <see cref="NetSuiteException"/> for an error reported inside a 200, or a <see cref="JsonException"/> for an answer
    /// that is not what it should be.</summary>
    public async Task<T> SendAsync<T>(Func<HttpRequestMessage> createRequest, Func<byte[], T> readAnswer, CancellationToken cancellationToken)
    {
        var renewed = false;
        for (var attempt = 1; ; attempt++)
        {
            LastAttempts = attempt;
            try
            {
                await using var slot = slots is null ? null : await slots.TakeAsync(cancellationToken);
                return await AttemptAsync(createRequest, readAnswer, mayRenew: !renewed, cancellationToken);
            }
            catch (RetryableNetSuiteException failure) when (failure.RenewedCredentials)
            {
                renewed = true;
                logger.LogInformation("NetSuite {Account} refused a bearer token; trying once more with a fresh one", authorization.AccountId);
            }
            catch (RetryableNetSuiteException failure)
            {
                if (attempt >= retry.MaxAttempts)
                {
                    throw new NetSuiteException(failure.Code, $"{failure.Message} (gave up after {attempt} attempts)");
                }

                var delay = retry.Delay(attempt, failure.RetryAfter, Random.Shared);
                logger.LogInformation("NetSuite {Account} answered {Code}; retry {Attempt} in {Delay}", authorization.AccountId, failure.Code, attempt, delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    private async Task<T> AttemptAsync<T>(Func<HttpRequestMessage> createRequest, Func<byte[], T> readAnswer, bool mayRenew, CancellationToken cancellationToken)
    {
        using var message = createRequest();
        await authorization.AuthorizeAsync(message, cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            byte[] body;
            try
            {
                response = await http.SendAsync(message, cancellationToken);
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            }
            catch (HttpRequestException exception)
            {
                throw new RetryableNetSuiteException("CONNECTION_FAILED", $"Could not reach NetSuite: {exception.Message}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RetryableNetSuiteException("TIMEOUT", "NetSuite did not answer in time.");
            }

            return Read(response, body, message, readAnswer, mayRenew);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private T Read<T>(HttpResponseMessage response, byte[] body, HttpRequestMessage sent, Func<byte[], T> readAnswer, bool mayRenew)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            try
            {
                return readAnswer(body);
            }
            catch (JsonException exception)
            {
                throw new RetryableNetSuiteException("MALFORMED_RESPONSE", $"NetSuite's answer is not valid JSON: {exception.Message}");
            }
        }

        var (code, text) = NetSuiteErrorBody.Read(body);
        var statusCode = status.ToString(CultureInfo.InvariantCulture);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            if (mayRenew && authorization.ForgetRejected(sent))
            {
                throw new RetryableNetSuiteException(code ?? statusCode, "NetSuite refused the bearer token.", renewedCredentials: true);
            }

            throw new NetSuiteAuthenticationException(code ?? "INVALID_LOGIN_ATTEMPT",
                $"NetSuite refused the credentials for account {authorization.AccountId}: {text ?? "invalid login attempt"}. {authorization.RejectionAdvice}");
        }

        var retryAfter = RetryAfter(response);
        if (code is "SSS_REQUEST_LIMIT_EXCEEDED")
        {
            throw new RetryableNetSuiteException(code, "NetSuite's concurrency limit for the account is reached.", retryAfter);
        }

        if (response.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
        {
            throw new RetryableNetSuiteException(code ?? statusCode, $"NetSuite answered {status}: {text}", retryAfter);
        }

        throw new NetSuiteException(code ?? statusCode, $"NetSuite answered {status}: {text}");
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => null,
    };
}
