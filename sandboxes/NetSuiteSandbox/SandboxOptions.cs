using EcomOps.Grains.NetSuite;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>What a sandbox serves: its port, its accounts, and how many rows each data set holds.</summary>
public sealed class SandboxOptions
{
    /// <summary>0 picks a free loopback port.</summary>
    public int Port { get; set; }

    public long RowsPerDataSet { get; set; } = 1000;

    public int ConcurrencyLimit { get; set; } = 5;

    public List<TbaCredentials> Accounts { get; } = [];
}
