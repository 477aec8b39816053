namespace EcomOps.Runtime.Hosting;

/// <summary>A cluster client's behaviour (configuration section "Client").</summary>
public sealed class ClientOptions
{
    /// <summary>How long a call waits for its response. Default 30 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often membership is re-read besides change notifications. Default 5 s.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
