using EcomOps.Grains.NetSuite;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>What a sandbox serves: its port, its accounts (each with TBA credentials, and OAuth 2.0 clients if any), and
/// how many rows each data set holds.</summary>
public sealed class SandboxOptions
{
    /// <summary>0 picks a free loopback port.</summary>
    public int Port { get; set; }

    public long RowsPerDataSet { get; set; } = 1000;

    public int ConcurrencyLimit { get; set; } = 5;

    public List<TbaCredentials> Accounts { get; } = [];

    /// <summary>OAuth 2.0 client credentials mappings, each in one of <see cref="Accounts"/>.</summary>
    public List<SandboxOAuth2Client> OAuth2Clients { get; } = [];

    /// <summary>How many rows of one SuiteQL query can be paged through: NetSuite's 100,000, or fewer so that tests reach
    /// the ceiling quickly.</summary>
    public int SuiteQlResultCeiling { get; set; } = 100_000;
}
