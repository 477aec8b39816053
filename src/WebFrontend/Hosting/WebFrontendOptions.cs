namespace EcomOps.WebFrontend.Hosting;

/// <summary>The frontend itself (configuration section "WebFrontend").</summary>
public sealed class WebFrontendOptions
{
    /// <summary>Largest request body accepted, in bytes. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
