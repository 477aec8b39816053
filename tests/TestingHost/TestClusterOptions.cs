using System.Reflection;
using EcomOps.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EcomOps.TestingHost;

/// <summary>How a <see cref="TestCluster"/> is made. Failure detection and reminders default to sub-second
/// settings so failover tests take seconds, not minutes.</summary>
public sealed class TestClusterOptions
{
    public int InitialSilos { get; set; } = 2;

    public string ClusterId { get; set; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Defaults to the cluster id; give two clusters one service id to make them share grain state.</summary>
    public string? ServiceId { get; set; }

    public string Secret { get; set; } = "test-cluster-secret-" + Guid.NewGuid().ToString("N");

    public List<Assembly> GrainAssemblies { get; } = [];

    /// <summary>Configuration keys over the fast defaults, e.g. ["Silo:CollectionAge"] = "00:00:01".</summary>
    public Dictionary<string, string?> Configuration { get; } = new()
    {
        ["Membership:HeartbeatInterval"] = "00:00:00.100",
        ["Membership:DeathTimeout"] = "00:00:01",
        ["Membership:RefreshInterval"] = "00:00:00.500",
        ["Reminders:PollInterval"] = "00:00:00.100",
        ["Reminders:MinimumPeriod"] = "00:00:00.100",
        ["Silo:DrainTimeout"] = "00:00:10",
        ["Client:RefreshInterval"] = "00:00:00.500",
        // Product features encrypt stored credentials; a random key per run.
        ["Secrets:ActiveKeyId"] = "test",
        ["Secrets:Keys:test"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    };

    public Action<IServiceCollection>? ConfigureServices { get; set; }

    public Action<SiloBuilder>? ConfigureSilo { get; set; }

    /// <summary>Last say over each silo's host builder: logging, configuration, services.</summary>
    public Action<IHostApplicationBuilder>? ConfigureHost { get; set; }
}
