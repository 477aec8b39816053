using EcomOps.Runtime;
using EcomOps.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcomOps.TestingHost;

/// <summary>Several silos in this process sharing one PostgreSQL database, and clients for them: start, add,
/// stop gracefully, kill and restart silos, as Orleans' TestingHost does, in well under a second per silo.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<TestSilo> silos = [];
    private readonly List<IHost> clients = [];
    private readonly TestClusterOptions options;

    private TestCluster(TestClusterOptions options, string connectionString)
    {
        this.options = options;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public string ClusterId => options.ClusterId;

    /// <summary>The cluster's shared secret, for clients built outside this class (a web frontend under test).</summary>
    public string Secret => options.Secret;

    public IReadOnlyList<TestSilo> Silos => silos.Where(s => s.IsRunning).ToList();

    /// <summary>The client made at start.</summary>
    public IClusterClient Client { get; private set; } = null!;

    public static async Task<TestCluster> StartAsync(string connectionString, TestClusterOptions options)
    {
        var cluster = new TestCluster(options, connectionString);
        try
        {
            // The first silo applies the schema alone; the others then start side by side.
            await cluster.StartSiloAsync();
            await Task.WhenAll(Enumerable.Range(1, options.InitialSilos - 1).Select(_ => cluster.StartSiloAsync()));
            cluster.Client = await cluster.CreateClientAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public Task<TestSilo> StartAdditionalSiloAsync() => StartSiloAsync();

    public async Task<IClusterClient> CreateClientAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var configuration = BaseConfiguration();
        configure?.Invoke(configuration);
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddClusterClient();
        var host = builder.Build();
        await host.StartAsync();
        lock (clients)
        {
            clients.Add(host);
        }

        return host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Graceful shutdown: the silo drains, persists and hands its grains over.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        silo.IsRunning = false;
        await silo.Host.StopAsync();
        await DisposeHostAsync(silo.Host);
    }

    /// <summary>A crash: the silo vanishes without telling anyone; peers find out from its stale heartbeat.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        silo.IsRunning = false;
        await silo.Silo.KillAsync();
        await DisposeHostAsync(silo.Host);
    }

    public async Task<TestSilo> RestartSiloAsync(TestSilo silo)
    {
        await StopSiloAsync(silo);
        return await StartSiloAsync();
    }

    /// <summary>Waits until every running silo and the given client see exactly the running silos as Active.</summary>
    public async Task WaitForLivenessToStabilizeAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var expected = Silos.Select(s => s.Address).OrderBy(a => a.ToString()).ToList();
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(ConnectionString);
        while (true)
        {
            await using var command = dataSource.CreateCommand("select count(*) from rt_membership where cluster_id = $1 and status = 'Active'");
            command.Parameters.AddWithValue(ClusterId);
            var active = (long)(await command.ExecuteScalarAsync())!;
            if (active == expected.Count)
            {
                // Views follow the table within one refresh; notifications usually make it much sooner.
                await Task.Delay(TimeSpan.FromMilliseconds(600));
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Membership did not settle on {expected.Count} active silos ({active} active).");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Calls are at most once: one already on its way to a silo when it crashed fails with "may or may not have
    /// run", and the caller decides to send it again. Tests that kill silos do so once through this.</summary>
    public static async Task<T> RetryOnceAfterCrashAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (SiloUnavailableException exception) when (exception.Message.Contains("may or may not have run", StringComparison.Ordinal))
        {
            return await call();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.StopAsync();
            await DisposeHostAsync(client);
        }

        await Task.WhenAll(silos.Where(s => s.IsRunning).Select(StopSiloAsync));
    }

    private async Task<TestSilo> StartSiloAsync()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var configuration = BaseConfiguration();
        configuration["Silo:Port"] = "0";
        configuration["Silo:ListenAddress"] = "127.0.0.1";
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        options.ConfigureServices?.Invoke(builder.Services);
        builder.AddSilo(silo =>
        {
            foreach (var assembly in options.GrainAssemblies)
            {
                silo.AddGrains(assembly);
            }

            options.ConfigureSilo?.Invoke(silo);
        });
        options.ConfigureHost?.Invoke(builder);
        var host = builder.Build();
        await host.StartAsync();
        var silo = new TestSilo(host);
        lock (silos)
        {
            silos.Add(silo);
        }

        return silo;
    }

    private Dictionary<string, string?> BaseConfiguration()
    {
        var configuration = new Dictionary<string, string?>(options.Configuration)
        {
            ["Cluster:ClusterId"] = options.ClusterId,
            ["Cluster:ServiceId"] = options.ServiceId,
            ["Cluster:ConnectionString"] = ConnectionString,
            ["Cluster:Secret"] = options.Secret,
        };
        return configuration;
    }

    private static async Task DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
