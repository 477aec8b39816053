using EcomOps.Runtime.Invocation;
using EcomOps.Runtime.Membership;
using EcomOps.Runtime.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EcomOps.Runtime.Hosting;

public static class ClientHostingExtensions
{
    /// <summary>Adds an <see cref="IClusterClient"/> (also registered as <see cref="IGrainFactory"/>) configured from
    /// the "Cluster" section; it connects when the host starts.</summary>
    public static IHostApplicationBuilder AddClusterClient(this IHostApplicationBuilder builder, Action<ClusterOptions>? configure = null)
    {
        var services = builder.Services;
        RuntimeOptionsRegistration.AddClusterOptions(services, builder.Configuration, configure);
        services.AddOptions<ClientOptions>().Bind(builder.Configuration.GetSection("Client"))
            .Validate(o => o.ResponseTimeout > TimeSpan.Zero && o.RefreshInterval > TimeSpan.Zero, "Client:ResponseTimeout and Client:RefreshInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var cluster = sp.GetRequiredService<IOptions<ClusterOptions>>().Value;
            var client = sp.GetRequiredService<IOptions<ClientOptions>>().Value;
            var loggerFactory = sp.GetRequiredService<ILoggerFactory>();
            var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString);
            return new ClusterClient(
                new MembershipViewSource(new MembershipTable(dataSource, cluster.ClusterId), client.RefreshInterval, loggerFactory.CreateLogger("EcomOps.Runtime.Membership")),
                new RemoteSiloClient(new ClusterAuthenticator(cluster.Secret, cluster.ClusterId), loggerFactory.CreateLogger("EcomOps.Runtime.Transport")),
                new CallTracker(CallTracker.DefaultSweepInterval),
                client.ResponseTimeout,
                sp.GetRequiredService<ILogger<ClusterClient>>());
        });
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<ClusterClient>());
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
        services.AddHostedService(sp => sp.GetRequiredService<ClusterClient>());
        return builder;
    }
}
