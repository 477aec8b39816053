namespace EcomOps.Runtime.Hosting;

/// <summary>A silo's endpoint and grain-call behaviour (configuration section "Silo").</summary>
public sealed class SiloOptions
{
    /// <summary>Address the internal HTTP/2 endpoint listens on. Default 127.0.0.1; use 0.0.0.0 in a real cluster.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Port of the internal endpoint (silo-to-silo and client-to-silo calls, health). 0 picks a free port. Default 11111.</summary>
    public int Port { get; set; } = 11111;

    /// <summary>Address other silos and clients use to reach this one. Defaults to the listen address, or this
    /// host's name when listening on every interface.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>How long a caller waits for a grain call before a TimeoutException. Default 30 s; per method with [ResponseTimeout].</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Activations with no incoming call or reminder for this long are deactivated. Default 15 min.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 min.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a graceful shutdown waits for activations to finish and deactivate. Default 30 s.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
