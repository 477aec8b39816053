namespace EcomOps.Runtime.Hosting;

/// <summary>Which cluster a silo or client belongs to (configuration section "Cluster").</summary>
public sealed class ClusterOptions
{
    /// <summary>One deployment of silos; membership is kept per cluster id. Default "dev".</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>The service whose grain state and reminders outlive deployments. Defaults to the cluster id.</summary>
    public string? ServiceId { get; set; }

    /// <summary>PostgreSQL connection string shared by the silos and clients of the cluster.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Shared secret every silo and client presents on the internal endpoint. At least 16 characters.</summary>
    public string Secret { get; set; } = "";

    internal string EffectiveServiceId => string.IsNullOrWhiteSpace(ServiceId) ? ClusterId : ServiceId;
}
