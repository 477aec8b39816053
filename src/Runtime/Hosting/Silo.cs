using System.Net;
using EcomOps.Runtime.Activation;
using EcomOps.Runtime.Invocation;
using EcomOps.Runtime.Membership;
using EcomOps.Runtime.Persistence;
using EcomOps.Runtime.Reminders;
using EcomOps.Runtime.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcomOps.Runtime.Hosting;

/// <summary>A silo's life: join the cluster, serve grains, watch peers, and leave gracefully (drain, persist,
/// hand over) or, in tests, crash on purpose.</summary>
public sealed class Silo : IHostedService, IAsyncDisposable
{
    private int disposed;
    private readonly IReadOnlyList<(string Component, System.Reflection.Assembly Assembly, string ResourceFolder)> migrations;
    private readonly ClusterOptions cluster;
    private readonly SiloOptions options;
    private readonly MembershipOptions membershipOptions;
    private readonly SchemaMigrator migrator;
    private readonly Catalog catalog;
    private readonly SiloRuntime runtime;
    private readonly MembershipTable table;
    private readonly MembershipViewSource view;
    private readonly ReminderService reminders;
    private readonly CallTracker tracker;
    private readonly SiloLifecycle lifecycle;
    private readonly SiloEndpoint endpoint;
    private readonly ILoggerFactory loggerFactory;
    private readonly IHostApplicationLifetime applicationLifetime;
    private readonly ILogger<Silo> logger;
    private readonly SiloServer server = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly string hostName = Dns.GetHostName();
    private Task? heartbeatLoop;
    private Task? collectorLoop;
    private int stopped;

    internal Silo(
        IReadOnlyList<(string Component, System.Reflection.Assembly Assembly, string ResourceFolder)> migrations,
        IOptions<ClusterOptions> cluster,
        IOptions<SiloOptions> options,
        IOptions<MembershipOptions> membershipOptions,
        SchemaMigrator migrator,
        Catalog catalog,
        SiloRuntime runtime,
        MembershipTable table,
        MembershipViewSource view,
        ReminderService reminders,
        CallTracker tracker,
        SiloLifecycle lifecycle,
        SiloEndpoint endpoint,
        ILoggerFactory loggerFactory,
        IHostApplicationLifetime applicationLifetime)
    {
        this.migrations = migrations;
        this.cluster = cluster.Value;
        this.options = options.Value;
        this.membershipOptions = membershipOptions.Value;
        this.migrator = migrator;
        this.catalog = catalog;
        this.runtime = runtime;
        this.table = table;
        this.view = view;
        this.reminders = reminders;
        this.tracker = tracker;
        this.lifecycle = lifecycle;
        this.endpoint = endpoint;
        this.loggerFactory = loggerFactory;
        this.applicationLifetime = applicationLifetime;
        logger = loggerFactory.CreateLogger<Silo>();
    }

    /// <summary>This silo's address in the cluster, known once it has started.</summary>
    public SiloAddress Address => runtime.Self;

    public SiloStatus Status => lifecycle.Status;

    /// <summary>Activations on this silo now.</summary>
    public int ActivationCount => catalog.Count;

    /// <summary>Whether this silo holds an activation of the grain now.</summary>
    public bool HasActivation(GrainId grain) => catalog.TryGet(grain, out _);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.ApplyAsync("runtime", typeof(Silo).Assembly, "EcomOps.Runtime.Sql", cancellationToken);
        foreach (var (component, assembly, folder) in migrations)
        {
            await migrator.ApplyAsync(component, assembly, folder, cancellationToken);
        }

        var port = await server.StartAsync(options.ListenAddress, options.Port, endpoint.HandleAsync, loggerFactory, cancellationToken);
        runtime.Self = new SiloAddress(AdvertisedAddress(), port, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await table.SetStatusAsync(runtime.Self, SiloStatus.Joining, hostName, cancellationToken);
        view.Changed += OnViewChanged;
        await view.StartAsync(cancellationToken);
        lifecycle.IsServing = true;
        catalog.AcceptActivations(true);
        await table.SetStatusAsync(runtime.Self, SiloStatus.Active, hostName, cancellationToken);
        lifecycle.Status = SiloStatus.Active;
        await view.RefreshAsync(cancellationToken);
        heartbeatLoop = HeartbeatLoopAsync(stopping.Token);
        collectorLoop = CollectorLoopAsync(stopping.Token);
        reminders.Start();
        logger.LogInformation("Silo {Silo} active in cluster {ClusterId} ({Silos} silos)", runtime.Self, cluster.ClusterId, view.Current.Owners.Count);
    }

    /// <summary>Graceful shutdown: announce it, let every activation finish its turns and deactivate (persisting what
    /// it persists in OnDeactivateAsync), then leave. Callers meanwhile are told to retry, and land on the new owners.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        logger.LogInformation("Silo {Silo} shutting down", runtime.Self);
        lifecycle.Status = SiloStatus.ShuttingDown;
        await reminders.DisposeAsync();
        await table.SetStatusAsync(runtime.Self, SiloStatus.ShuttingDown, hostName, CancellationToken.None);
        using (var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            drain.CancelAfter(options.DrainTimeout);
            try
            {
                await catalog.DeactivateAllAsync(DeactivationReason.ShuttingDown, drain.Token);
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("Silo {Silo}: {Count} activations did not deactivate within {Timeout}", runtime.Self, catalog.Count, options.DrainTimeout);
            }
        }

        await table.SetStatusAsync(runtime.Self, SiloStatus.Dead, hostName, CancellationToken.None);
        lifecycle.Status = SiloStatus.Dead;
        lifecycle.IsServing = false;
        lifecycle.Leave();
        await StopLoopsAsync();
        await server.StopAsync(cancellationToken);
        logger.LogInformation("Silo {Silo} stopped", runtime.Self);
    }

    /// <summary>Crashes the silo: drops its connections and activations and stops its heartbeat, writing nothing.
    /// The cluster finds out only by the stale heartbeat, as after a real crash.</summary>
    internal async Task KillAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        lifecycle.IsServing = false;
        lifecycle.Status = SiloStatus.Dead;
        catalog.Fence("killed", sendQueuedCallsBack: false);
        await reminders.AbortAsync();
        await StopLoopsAsync();
        await server.AbortAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // The container may hand one instance out under several service types and dispose it once for each.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await StopLoopsAsync();
        await view.DisposeAsync();
        await tracker.DisposeAsync();
        await server.DisposeAsync();
        stopping.Dispose();
    }

    private async Task StopLoopsAsync()
    {
        if (!stopping.IsCancellationRequested)
        {
            await stopping.CancelAsync();
        }

        foreach (var loop in new[] { heartbeatLoop, collectorLoop })
        {
            if (loop is null)
            {
                continue;
            }

            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private string AdvertisedAddress()
    {
        if (!string.IsNullOrWhiteSpace(options.AdvertisedAddress))
        {
            return options.AdvertisedAddress;
        }

        return IPAddress.Parse(options.ListenAddress).Equals(IPAddress.Any) || IPAddress.Parse(options.ListenAddress).Equals(IPAddress.IPv6Any)
            ? hostName
            : options.ListenAddress;
    }

    private void OnViewChanged(MembershipView current)
    {
        if (lifecycle.Status != SiloStatus.Active)
        {
            return;
        }

        if (current.StatusOf(runtime.Self) == SiloStatus.Dead)
        {
            OnDeclaredDead();
            return;
        }

        catalog.OnOwnershipChanged(current, runtime.Self);
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        var lastHeartbeat = Environment.TickCount64;
        var judgeFrom = lastHeartbeat + (long)membershipOptions.DeathTimeout.TotalMilliseconds;
        var ticks = 0L;
        using var timer = new PeriodicTimer(membershipOptions.HeartbeatInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                if (await table.HeartbeatAsync(runtime.Self, cancellationToken) == SiloStatus.Dead)
                {
                    OnDeclaredDead();
                    return;
                }

                var previousHeartbeat = lastHeartbeat;
                lastHeartbeat = Environment.TickCount64;
                var current = await view.RefreshAsync(cancellationToken);
                var now = Environment.TickCount64;
                var round = TimeSpan.FromMilliseconds(now - previousHeartbeat);
                if (round > membershipOptions.DeathTimeout / 2)
                {
                    // This silo was itself held up (a long GC pause, a starved thread pool, a slow database) and cannot
                    // tell a dead peer from one held up with it. It judges again once it has run smoothly for a whole
                    // death timeout, time enough for peers held up with it to write a heartbeat. Orleans' local silo
                    // health monitor keeps a degraded silo from voting for the same reason.
                    judgeFrom = now + (long)membershipOptions.DeathTimeout.TotalMilliseconds;
                    logger.LogWarning("Silo {Silo} was held up for {Round} and judges no peer for the next {DeathTimeout}",
                        runtime.Self, round, membershipOptions.DeathTimeout);
                }

                foreach (var silo in current.Silos)
                {
                    if (now >= judgeFrom && silo.Address != runtime.Self && silo.Status != SiloStatus.Dead && silo.HeartbeatAge > membershipOptions.DeathTimeout
                        && await table.DeclareDeadAsync(silo.Address, membershipOptions.DeathTimeout, cancellationToken))
                    {
                        logger.LogWarning("Silo {Silo} declared silo {Dead} dead: no heartbeat for {Age}", runtime.Self, silo.Address, silo.HeartbeatAge);
                    }
                }

                if (++ticks % 100 == 0)
                {
                    await table.CleanUpDefunctAsync(membershipOptions.DefunctSiloCleanupAge, cancellationToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Silo {Silo}: heartbeat failed", runtime.Self);
                if (Environment.TickCount64 - lastHeartbeat > membershipOptions.DeathTimeout.TotalMilliseconds)
                {
                    // Peers have declared, or are about to declare, this silo dead: stop serving before they move its grains.
                    Fence("heartbeat could not be written for longer than the death timeout");
                    return;
                }
            }
        }
    }

    private async Task CollectorLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.CollectionQuantum);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            catalog.CollectIdle(options.CollectionAge);
        }
    }

    private void OnDeclaredDead() => Fence("declared dead by the cluster");

    private void Fence(string reason)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        logger.LogError("Silo {Silo} stops serving: {Reason}", runtime.Self, reason);
        lifecycle.IsServing = false;
        lifecycle.Status = SiloStatus.Dead;
        lifecycle.Leave();
        catalog.Fence(reason, sendQueuedCallsBack: true);
        applicationLifetime.StopApplication();
    }
}
