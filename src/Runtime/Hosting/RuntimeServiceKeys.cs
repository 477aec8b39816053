namespace EcomOps.Runtime.Hosting;

/// <summary>Keys of the runtime's own services in the container, so they never collide with the application's.</summary>
public static class RuntimeServiceKeys
{
    /// <summary>The runtime's PostgreSQL data source.</summary>
    public const string DataSource = "ecomops-runtime";
}
