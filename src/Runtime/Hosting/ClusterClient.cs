using EcomOps.Runtime.Invocation;
using EcomOps.Runtime.Membership;
using EcomOps.Runtime.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcomOps.Runtime.Hosting;

/// <summary>A client of the cluster: reads membership from PostgreSQL, learns from any silo which grain type
/// implements each interface, and sends each call straight to the grain's owner.</summary>
internal sealed class ClusterClient : GrainCallRouter, IClusterClient, IHostedService, IAsyncDisposable
{
    private int disposed;
    private readonly Lock manifestLock = new();
    private IReadOnlyDictionary<string, string> manifest = new Dictionary<string, string>();
    private Task? manifestFetch;

    public ClusterClient(MembershipViewSource membership, RemoteSiloClient remote, CallTracker tracker, TimeSpan responseTimeout, ILogger<ClusterClient> logger)
        : base(membership, remote, tracker, responseTimeout, logger)
    {
    }

    public string ClusterId => Membership.ClusterId;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Membership.StartAsync(cancellationToken);
        Logger.LogInformation("Cluster client connected to cluster {ClusterId}: {Silos} active silos", ClusterId, Membership.Current.Owners.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // The container may hand one instance out under several service types and dispose it once for each.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await Membership.DisposeAsync();
        await Tracker.DisposeAsync();
        Remote.Dispose();
    }

    protected override bool TryResolveGrainType(Type interfaceType, out string grainType) =>
        manifest.TryGetValue(interfaceType.FullName!, out grainType!);

    protected override Task ResolveGrainTypeAsync(Type interfaceType, CancellationToken cancellationToken)
    {
        lock (manifestLock)
        {
            if (manifestFetch is null || manifestFetch.IsCompleted)
            {
                manifestFetch = FetchManifestAsync(cancellationToken);
            }

            return manifestFetch;
        }
    }

    protected override bool IsLocal(SiloAddress owner) => false;

    private async Task FetchManifestAsync(CancellationToken cancellationToken)
    {
        var owners = Membership.Current.Owners;
        if (owners.Count == 0)
        {
            owners = (await Membership.RefreshAsync(cancellationToken)).Owners;
        }

        if (owners.Count == 0)
        {
            throw new SiloUnavailableException($"No active silo in cluster '{ClusterId}': start a silo, or check that the client and silos share the cluster id and database.");
        }

        Exception? last = null;
        foreach (var silo in owners)
        {
            try
            {
                manifest = await Remote.GetAsync<Dictionary<string, string>>(silo, "rt/manifest", cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                last = exception;
            }
        }

        throw new SiloUnavailableException($"No silo of cluster '{ClusterId}' answered for its grain manifest: {last?.Message}");
    }
}
