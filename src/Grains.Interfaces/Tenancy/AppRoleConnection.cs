using Npgsql;

namespace EcomOps.Grains.Tenancy;

/// <summary>How silos and frontends connect as the application role (ecomops_app), which owns no table so row-level
/// security always applies: the configured string, or the cluster's with that role as the user.</summary>
public static class AppRoleConnection
{
    public const string RoleName = "ecomops_app";

    public static string For(string? configured, string clusterConnectionString) =>
        !string.IsNullOrWhiteSpace(configured)
            ? configured
            : new NpgsqlConnectionStringBuilder(clusterConnectionString) { Username = RoleName, Password = null }.ConnectionString;
}
