namespace EcomOps.Grains.Tenancy;

/// <summary>Tenancy data access (configuration section "Tenancy").</summary>
public sealed class TenancyOptions
{
    /// <summary>Connection string for the application role (ecomops_app), which owns no table, so row-level
    /// security always applies. Defaults to the cluster's connection string with that user name (<see cref="AppRoleConnection"/>).</summary>
    public string? AppConnectionString { get; set; }

    /// <summary>Failed sign-ins in a row that lock an account. Default 5.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a locked account stays locked. Default 15 min.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token lives. Default 30 days.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
}
