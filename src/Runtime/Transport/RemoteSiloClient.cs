using System.Net;
using System.Text.Json;
using EcomOps.Runtime.Invocation;
using Microsoft.Extensions.Logging;

namespace EcomOps.Runtime.Transport;

/// <summary>Sends grain calls to other silos over cleartext HTTP/2: one pooled, multiplexed connection set per
/// silo, a stream per call.</summary>
internal sealed class RemoteSiloClient : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<SiloAddress, SiloConnection> connections = new();
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

    /// <summary>Sends a call on one of the target's call streams. Its outcome lands in the call's sink, or, when the
    /// silo did not run it, in a rejection the router answers by sending it again.</summary>
    public void Send(SiloAddress target, GrainRequest request)
    {
        var remaining = request.DeadlineMs - Environment.TickCount64;
        if (remaining <= 0)
        {
            request.Sink.TryFail(request.TimeoutError(null));
            return;
        }

        var connection = connections.GetOrAdd(target, static (silo, client) => new SiloConnection(client.http, silo, client.authenticator.Token, client.logger), this);
        if (!connection.TrySend(request, remaining))
        {
            request.Reject(RejectionKind.Unavailable);
        }
    }

    /// <summary>Closes the streams to silos that are no longer members.</summary>
    public void Retain(IReadOnlyCollection<SiloAddress> members)
    {
        foreach (var silo in connections.Keys)
        {
            if (!members.Contains(silo) && connections.TryRemove(silo, out var connection))
            {
                connection.Close();
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

    public void Dispose()
    {
        foreach (var connection in connections.Values)
        {
            connection.Close();
        }

        http.Dispose();
    }

    internal static UnauthorizedAccessException RefusedCredentials(SiloAddress target) =>
        new($"Silo {target} refused the cluster credentials: check that every silo and client shares one cluster id and secret.");
}
