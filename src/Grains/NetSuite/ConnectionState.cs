namespace EcomOps.Grains.NetSuite;

public sealed class ConnectionState
{
    public bool Exists { get; set; }

    public string Name { get; set; } = "";

    public string AccountId { get; set; } = "";

    public string RestletUrl { get; set; } = "";

    public NetSuiteAuthMethod AuthMethod { get; set; }

    /// <summary>The credentials, encrypted by <see cref="Security.SecretProtector"/>; never in plain text at rest.</summary>
    public byte[]? ProtectedSecrets { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public ConnectionTestResult? LastTest { get; set; }
}
