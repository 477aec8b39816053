using EcomOps.Runtime.Activation;
using EcomOps.Runtime.Invocation;
using EcomOps.Runtime.Membership;
using EcomOps.Runtime.Persistence;
using EcomOps.Runtime.Reminders;
using EcomOps.Runtime.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EcomOps.Runtime.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>Runs a silo in this host, configured from the "Cluster", "Silo", "Membership" and "Reminders"
    /// sections, with PostgreSQL grain storage as the default storage.</summary>
    public static IHostApplicationBuilder AddSilo(this IHostApplicationBuilder builder, Action<SiloBuilder>? configure = null, Action<ClusterOptions>? configureCluster = null)
    {
        var services = builder.Services;
        RuntimeOptionsRegistration.AddClusterOptions(services, builder.Configuration, configureCluster);
        RuntimeOptionsRegistration.AddSiloOptions(services, builder.Configuration);
        var siloBuilder = new SiloBuilder(services);
        configure?.Invoke(siloBuilder);

        services.AddKeyedSingleton(RuntimeServiceKeys.DataSource, (sp, _) =>
            NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ConnectionString));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReminderOptions>>().Value);
        services.AddSingleton(sp => new SchemaMigrator(DataSource(sp), sp.GetRequiredService<ILogger<SchemaMigrator>>()));
        services.AddSingleton(_ => new GrainTypeRegistry(siloBuilder.GrainAssemblies));
        services.AddSingleton(sp => new GrainActivator(sp));
        services.AddSingleton(sp => new Catalog(
            sp.GetRequiredService<GrainTypeRegistry>(), sp.GetRequiredService<GrainActivator>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("EcomOps.Runtime.Catalog")));
        services.AddSingleton(sp => new MembershipTable(DataSource(sp), Options(sp).Cluster.ClusterId));
        services.AddSingleton(sp => new MembershipViewSource(
            sp.GetRequiredService<MembershipTable>(),
            sp.GetRequiredService<IOptions<MembershipOptions>>().Value.RefreshInterval,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("EcomOps.Runtime.Membership")));
        services.AddSingleton(sp => new ClusterAuthenticator(Options(sp).Cluster.Secret, Options(sp).Cluster.ClusterId));
        services.AddSingleton(sp => new RemoteSiloClient(sp.GetRequiredService<ClusterAuthenticator>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("EcomOps.Runtime.Transport")));
        services.AddSingleton(_ => new CallTracker(CallTracker.DefaultSweepInterval));
        services.AddSingleton(sp => new ReminderRegistry(DataSource(sp), Options(sp).Cluster.EffectiveServiceId, sp.GetRequiredService<ReminderOptions>().MinimumPeriod));
        services.AddSingleton(sp => new SiloRuntime(
            sp.GetRequiredService<Catalog>(),
            sp.GetRequiredService<MembershipViewSource>(),
            sp.GetRequiredService<RemoteSiloClient>(),
            sp.GetRequiredService<CallTracker>(),
            sp.GetRequiredService<ReminderRegistry>(),
            Options(sp).Silo.ResponseTimeout,
            sp.GetRequiredService<ILogger<SiloRuntime>>()));
        services.AddSingleton(sp => new ReminderService(
            sp.GetRequiredService<ReminderRegistry>(),
            sp.GetRequiredService<SiloRuntime>(),
            sp.GetRequiredService<MembershipViewSource>(),
            sp.GetRequiredService<ReminderOptions>(),
            Options(sp).Silo.ResponseTimeout,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("EcomOps.Runtime.Reminders")));
        services.AddSingleton<SiloLifecycle>();
        services.AddSingleton(sp => new CallStreamHandler(
            sp.GetRequiredService<Catalog>(),
            sp.GetRequiredService<SiloRuntime>(),
            sp.GetRequiredService<MembershipViewSource>(),
            sp.GetRequiredService<SiloLifecycle>()));
        services.AddSingleton(sp => new SiloEndpoint(
            sp.GetRequiredService<ClusterAuthenticator>(),
            sp.GetRequiredService<Catalog>(),
            sp.GetRequiredService<SiloRuntime>(),
            sp.GetRequiredService<SiloLifecycle>(),
            sp.GetRequiredService<CallStreamHandler>()));
        services.AddSingleton<IGrainStorage>(sp => new PostgresGrainStorage(DataSource(sp), Options(sp).Cluster.EffectiveServiceId));
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<SiloRuntime>());
        services.AddSingleton(sp => new Silo(
            siloBuilder.Migrations,
            sp.GetRequiredService<IOptions<ClusterOptions>>(),
            sp.GetRequiredService<IOptions<SiloOptions>>(),
            sp.GetRequiredService<IOptions<MembershipOptions>>(),
            sp.GetRequiredService<SchemaMigrator>(),
            sp.GetRequiredService<Catalog>(),
            sp.GetRequiredService<SiloRuntime>(),
            sp.GetRequiredService<MembershipTable>(),
            sp.GetRequiredService<MembershipViewSource>(),
            sp.GetRequiredService<ReminderService>(),
            sp.GetRequiredService<CallTracker>(),
            sp.GetRequiredService<SiloLifecycle>(),
            sp.GetRequiredService<SiloEndpoint>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<IHostApplicationLifetime>()));
        services.AddHostedService(sp => sp.GetRequiredService<Silo>());
        return builder;
    }

    private static NpgsqlDataSource DataSource(IServiceProvider services) =>
        services.GetRequiredKeyedService<NpgsqlDataSource>(RuntimeServiceKeys.DataSource);

    private static (ClusterOptions Cluster, SiloOptions Silo) Options(IServiceProvider services) =>
        (services.GetRequiredService<IOptions<ClusterOptions>>().Value, services.GetRequiredService<IOptions<SiloOptions>>().Value);
}
