using EcomOps.Grains.NetSuite;
using EcomOps.Grains.Security;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EcomOps.Grains.Hosting;

public static class GrainsHostingExtensions
{
    /// <summary>Hosts the product's grains with their migrations and services, configured from the host's "Tenancy" and "Secrets" sections.</summary>
    public static SiloBuilder AddProductGrains(this SiloBuilder silo)
    {
        silo.AddGrains<TenantGrain>();
        silo.AddMigrations("tenancy", typeof(TenantGrain).Assembly, "EcomOps.Grains.Tenancy.Sql");
        silo.AddMigrations("netsuite", typeof(TenantGrain).Assembly, "EcomOps.Grains.NetSuite.Sql");
        silo.Services.AddOptions<TenancyOptions>().BindConfiguration("Tenancy")
            .Validate(o => o.LockoutThreshold > 0 && o.LockoutDuration > TimeSpan.Zero, "Tenancy:LockoutThreshold and Tenancy:LockoutDuration must be positive.")
            .Validate(o => o.RefreshTokenLifetime > TimeSpan.Zero, "Tenancy:RefreshTokenLifetime must be positive.")
            .ValidateOnStart();
        // A host may bring its own clock (tests hold it still to make rate limits exact).
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton(sp => new TenancyDatabase(NpgsqlDataSource.Create(AppRoleConnection.For(
            sp.GetRequiredService<IOptions<TenancyOptions>>().Value.AppConnectionString, sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ConnectionString))));
        silo.Services.AddSingleton(sp => new DatasetStore(sp.GetRequiredService<TenancyDatabase>()));
        silo.Services.AddSingleton(sp => new SyncRunStore(sp.GetRequiredService<TenancyDatabase>()));
        silo.Services.AddOptions<SyncOptions>().BindConfiguration("Sync")
            .Validate(o => o.TickInterval > TimeSpan.Zero, "Sync:TickInterval must be positive.")
            .Validate(o => o.PageSize is >= 5 and <= 1000, "Sync:PageSize must be from 5 to 1000 (the RESTlet's page sizes).")
            .Validate(o => o.PagesPerRequest is >= 1 and <= 10, "Sync:PagesPerRequest must be from 1 to 10.")
            .Validate(o => o.MaxAttempts >= 1 && o.RetryBaseDelay >= TimeSpan.Zero && o.RetryMaxDelay >= o.RetryBaseDelay, "Sync:MaxAttempts must be at least 1, and Sync:RetryMaxDelay at least Sync:RetryBaseDelay.")
            .Validate(o => o.FailureBackoff > TimeSpan.Zero && o.MaxFailureBackoff >= o.FailureBackoff, "Sync:FailureBackoff must be positive and at most Sync:MaxFailureBackoff.")
            .Validate(o => o.IncrementalOverlap >= TimeSpan.Zero && o.RunsKept >= 1, "Sync:IncrementalOverlap must not be negative, and Sync:RunsKept must be at least 1.")
            .ValidateOnStart();
        silo.Services.AddOptions<SecretsOptions>().BindConfiguration("Secrets")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ActiveKeyId) && o.Keys.ContainsKey(o.ActiveKeyId),
                "Secrets:ActiveKeyId must name one of Secrets:Keys (base64 256-bit keys that encrypt stored credentials).")
            .ValidateOnStart();
        silo.Services.AddSingleton<SecretProtector>();
        silo.Services.AddTransient<CorrelationIdHandler>();
        silo.Services.AddHttpClient(NetSuiteClients.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(5))
            .AddHttpMessageHandler<CorrelationIdHandler>();
        silo.Services.AddSingleton<NetSuiteClients>();
        return silo;
    }
}
