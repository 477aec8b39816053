using EcomOps.Runtime;
using EcomOps.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EcomOps.TestingHost;

/// <summary>One silo of a <see cref="TestCluster"/>, in this process, on a loopback port.</summary>
public sealed class TestSilo(IHost host)
{
    public IHost Host { get; } = host;

    public Silo Silo { get; } = host.Services.GetRequiredService<Silo>();

    public SiloAddress Address => Silo.Address;

    /// <summary>The silo's own grain factory: calls from it start inside this silo.</summary>
    public IGrainFactory GrainFactory => Host.Services.GetRequiredService<IGrainFactory>();

    public bool IsRunning { get; internal set; } = true;

    public override string ToString() => Address.ToString();
}
