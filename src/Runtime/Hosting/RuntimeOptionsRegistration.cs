using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EcomOps.Runtime.Hosting;

/// <summary>Binds and validates the options silos and clients share, with messages that say what to fix.</summary>
internal static class RuntimeOptionsRegistration
{
    public static void AddClusterOptions(IServiceCollection services, IConfiguration configuration, Action<ClusterOptions>? configure)
    {
        var builder = services.AddOptions<ClusterOptions>().Bind(configuration.GetSection("Cluster"));
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Cluster:ConnectionString is required: the PostgreSQL database the silos and clients of the cluster share.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClusterId), "Cluster:ClusterId must not be empty.")
            .Validate(o => o.Secret.Length >= 16, "Cluster:Secret must be at least 16 characters: every silo and client presents it on the internal endpoint.")
            .ValidateOnStart();
    }

    public static void AddSiloOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiloOptions>().Bind(configuration.GetSection("Silo"))
            .Validate(o => System.Net.IPAddress.TryParse(o.ListenAddress, out _), "Silo:ListenAddress must be an IP address, such as 127.0.0.1 or 0.0.0.0.")
            .Validate(o => o.Port is >= 0 and <= 65535, "Silo:Port must be between 0 (any free port) and 65535.")
            .Validate(o => o.ResponseTimeout > TimeSpan.Zero, "Silo:ResponseTimeout must be positive.")
            .Validate(o => o.CollectionAge > TimeSpan.Zero && o.CollectionQuantum > TimeSpan.Zero, "Silo:CollectionAge and Silo:CollectionQuantum must be positive.")
            .Validate(o => o.DrainTimeout > TimeSpan.Zero, "Silo:DrainTimeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<MembershipOptions>().Bind(configuration.GetSection("Membership"))
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.RefreshInterval > TimeSpan.Zero, "Membership:HeartbeatInterval and Membership:RefreshInterval must be positive.")
            .Validate(o => o.DeathTimeout >= o.HeartbeatInterval * 3, "Membership:DeathTimeout must be at least three heartbeat intervals, or healthy silos get declared dead.")
            .ValidateOnStart();
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection("Reminders"))
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Reminders:PollInterval must be positive.")
            .Validate(o => o.MinimumPeriod > TimeSpan.Zero, "Reminders:MinimumPeriod must be positive.")
            .Validate(o => o.MaxTicksPerPoll > 0, "Reminders:MaxTicksPerPoll must be positive.")
            .ValidateOnStart();
    }
}
