using EcomOps.TestingHost;

namespace EcomOps.Runtime.Tests;

/// <summary>One database and one three-silo cluster shared by the tests that leave the cluster as they found it;
/// tests that stop or kill silos start their own clusters in the same database.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Cluster = await StartClusterAsync(3);
    }

    public Task<TestCluster> StartClusterAsync(int silos, Action<TestClusterOptions>? configure = null)
    {
        var options = new TestClusterOptions { InitialSilos = silos };
        options.GrainAssemblies.Add(typeof(ClusterFixture).Assembly);
        configure?.Invoke(options);
        return TestCluster.StartAsync(Database.ConnectionString, options);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
