using System.Reflection;
using EcomOps.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EcomOps.Runtime.Hosting;

/// <summary>Configures what a silo hosts: its grain assemblies and any extra named grain storage.</summary>
public sealed class SiloBuilder(IServiceCollection services)
{
    private readonly List<Assembly> assemblies = [typeof(SiloBuilder).Assembly];

    public IServiceCollection Services { get; } = services;

    internal IReadOnlyList<Assembly> GrainAssemblies => assemblies;

    internal List<(string Component, Assembly Assembly, string ResourceFolder)> Migrations { get; } = [];

    /// <summary>Applies a feature's SQL migrations (embedded <c>NNN_name.sql</c> resources under <paramref name="resourceFolder"/>, such as "EcomOps.Grains.Tenancy.Sql") at silo start, after the
    /// runtime's own and under the same advisory lock, before the silo takes any call.</summary>
    public SiloBuilder AddMigrations(string component, Assembly assembly, string resourceFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        Migrations.Add((component, assembly, resourceFolder));
        return this;
    }

    /// <summary>Hosts every grain class in the assembly.</summary>
    public SiloBuilder AddGrains(Assembly assembly)
    {
        if (!assemblies.Contains(assembly))
        {
            assemblies.Add(assembly);
        }

        return this;
    }

    /// <summary>Hosts every grain class in the assembly that holds <typeparamref name="TAnyType"/>.</summary>
    public SiloBuilder AddGrains<TAnyType>() => AddGrains(typeof(TAnyType).Assembly);

    /// <summary>Adds a named PostgreSQL grain storage, for grains whose [PersistentState] names it. It lives in
    /// another database when a connection string is given, else in the cluster's.</summary>
    public SiloBuilder AddPostgresGrainStorage(string name, string? connectionString = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) =>
        {
            var cluster = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClusterOptions>>().Value;
            var dataSource = connectionString is null
                ? sp.GetRequiredKeyedService<NpgsqlDataSource>(RuntimeServiceKeys.DataSource)
                : NpgsqlDataSource.Create(connectionString);
            return new PostgresGrainStorage(dataSource, cluster.EffectiveServiceId);
        });
        return this;
    }
}
