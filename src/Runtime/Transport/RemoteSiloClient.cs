using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EcomOps.Runtime.Invocation;
using Microsoft.Extensions.Logging;

namespace EcomOps.Runtime.Transport;

/// <summary>Sends grain calls to other silos over cleartext HTTP/2: one pooled, multiplexed connection set per
/// silo, a stream per call.</summary>
internal sealed class RemoteSiloClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient http;
    private readonly ClusterAuthenticator authenticator;
    private readonly ILogger logger;

    public RemoteSiloClient(ClusterAuthenticator authenticator, ILogger logger)
    {
        this.authenticator = authenticator;
        this.logger = logger;
        http = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<RemoteOutcome> SendAsync(SiloAddress target, GrainRequest request)
    {
        var remaining = request.DeadlineMs - Environment.TickCount64;
        if (remaining <= 0)
        {
            request.Sink.TryFail(request.TimeoutError(null));
            return RemoteOutcome.Done;
        }

        byte[] body;
        try
        {
            body = WireFormat.WriteArguments(request.Method, request.Arguments);
        }
        catch (Exception exception)
        {
            request.Sink.TryFail(new ArgumentException($"Arguments of {request.Method.DisplayName} cannot be serialized: {exception.Message}", exception));
            return RemoteOutcome.Done;
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(target.Endpoint, "rt/call"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        var headers = message.Headers;
        headers.TryAddWithoutValidation(ClusterAuthenticator.HeaderName, authenticator.Token);
        headers.TryAddWithoutValidation(WireHeaders.GrainType, request.Target.Type);
        headers.TryAddWithoutValidation(WireHeaders.GrainKey, Uri.EscapeDataString(request.Target.Key));
        headers.TryAddWithoutValidation(WireHeaders.Method, request.Method.WireName);
        headers.TryAddWithoutValidation(WireHeaders.TimeoutMs, remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (request.Context is { Count: > 0 } context)
        {
            headers.TryAddWithoutValidation(WireHeaders.Context, WireHeaders.EncodeContext(context));
        }

        if (request.Chain is { } chain)
        {
            headers.TryAddWithoutValidation(WireHeaders.Chain, WireHeaders.EncodeChain(chain));
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(remaining));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            logger.LogDebug(exception, "Silo {Silo} unreachable", target);
            return RemoteOutcome.Unreachable;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            request.Sink.TryFail(request.TimeoutError($"(silo {target})"));
            return RemoteOutcome.Done;
        }
        catch (HttpRequestException exception)
        {
            logger.LogDebug(exception, "Call to silo {Silo} failed in transit ({Error})", target, exception.HttpRequestError);
            request.Sink.TryFail(new SiloUnavailableException(
                $"Lost the connection to silo {target} during {request.Method.DisplayName} on grain {request.Target}; the call may or may not have run ({exception.HttpRequestError}: {exception.InnerException?.Message ?? exception.Message})"));
            return RemoteOutcome.Done;
        }

        using (response)
        {
            var payload = await response.Content.ReadAsByteArrayAsync(CancellationToken.None).ConfigureAwait(false);
            var error = response.Headers.TryGetValues(WireHeaders.Error, out var values) ? values.FirstOrDefault() : null;
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    try
                    {
                        request.Sink.TryComplete(WireFormat.ReadResult(request.Method, payload));
                    }
                    catch (JsonException exception)
                    {
                        request.Sink.TryFail(new GrainCallException(typeof(JsonException).FullName!, $"The result of {request.Method.DisplayName} could not be read: {exception.Message}"));
                    }

                    return RemoteOutcome.Done;
                case HttpStatusCode.Conflict when error == WireHeaders.ErrorMoved:
                    return RemoteOutcome.Moved;
                case HttpStatusCode.ServiceUnavailable when error == WireHeaders.ErrorUnavailable:
                    return RemoteOutcome.Unavailable;
                case HttpStatusCode.GatewayTimeout when error == WireHeaders.ErrorTimeout:
                    request.Sink.TryFail(request.TimeoutError($"(silo {target})"));
                    return RemoteOutcome.Done;
                case HttpStatusCode.InternalServerError when error == WireHeaders.ErrorException:
                    request.Sink.TryFail(WireFormat.ReadException(payload));
                    return RemoteOutcome.Done;
                case HttpStatusCode.Unauthorized:
                    request.Sink.TryFail(RefusedCredentials(target));
                    return RemoteOutcome.Done;
                default:
                    request.Sink.TryFail(new GrainCallException("HTTP " + (int)response.StatusCode,
                        $"Silo {target} answered {(int)response.StatusCode} to {request.Method.DisplayName}: {System.Text.Encoding.UTF8.GetString(payload)}"));
                    return RemoteOutcome.Done;
            }
        }
    }

    /// <summary>A GET on another silo's internal endpoint (manifest, statistics), as a member of the cluster.</summary>
    public async Task<T> GetAsync<T>(SiloAddress target, string path, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(target.Endpoint, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Headers.TryAddWithoutValidation(ClusterAuthenticator.HeaderName, authenticator.Token);
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw RefusedCredentials(target);
        }

        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return (await JsonSerializer.DeserializeAsync<T>(stream, RuntimeJson.Options, cancellationToken).ConfigureAwait(false))!;
    }

    public void Dispose() => http.Dispose();

    private static UnauthorizedAccessException RefusedCredentials(SiloAddress target) =>
        new($"Silo {target} refused the cluster credentials: check that every silo and client shares one cluster id and secret.");
}
