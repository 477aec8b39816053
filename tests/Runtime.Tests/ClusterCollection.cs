namespace EcomOps.Runtime.Tests;

/// <summary>Integration tests run one at a time: failover timings must not compete for the two cores.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
