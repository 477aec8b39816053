using System.Buffers;
using System.Net;
using System.Text;
using EcomOps.Runtime.Management;
using EcomOps.Runtime.Tests.Grains;
using EcomOps.Runtime.Transport;

namespace EcomOps.Runtime.Tests;

[Collection(ClusterCollection.Name)]
public sealed class TransportTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TheInternalEndpointRejectsCallersWithoutTheClusterSecret()
    {
        var counter = fixture.Cluster.Client.GetGrain<ICounterGrain>("guarded");
        Assert.Equal(1, await counter.IncrementAsync());
        var ownerAddress = await counter.GetSiloAsync();
        var owner = fixture.Cluster.Silos.Single(s => s.Address.ToString() == ownerAddress);
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        foreach (var token in new[] { null, "", "wrong-token", new string('A', 44) })
        {
            // A well-formed call frame: only the credentials are missing.
            var envelope = Encoding.UTF8.GetBytes($$"""{"t":"counter","k":"guarded","m":"{{typeof(ICounterGrain).FullName}}::IncrementAsync()","a":[]}""");
            var frame = new ArrayBufferWriter<byte>();
            Frames.WriteRequest(frame, 1, envelope);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(owner.Address.Endpoint, "rt/stream"))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(frame.WrittenSpan.ToArray()),
            };
            if (token is not null)
            {
                request.Headers.Add("rt-auth", token);
            }

            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(1, await counter.GetAsync());
        using var live = await http.GetAsync(new Uri(owner.Address.Endpoint, "health/live"));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await http.GetAsync(new Uri(owner.Address.Endpoint, "health/ready"));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task AClientWithTheWrongSecretIsRefused()
    {
        var stranger = await fixture.Cluster.CreateClientAsync(c => c["Cluster:Secret"] = "not-the-cluster-secret-at-all");
        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => stranger.GetGrain<ICounterGrain>("stranger").IncrementAsync());
        Assert.Contains("refused the cluster credentials", error.Message);
    }

    [Fact]
    public async Task TheManagementGrainDescribesSilosActivationsAndDueReminders()
    {
        await fixture.Cluster.Client.GetGrain<ICounterGrain>("visible").IncrementAsync();
        var snapshot = await fixture.Cluster.Client.GetGrain<IManagementGrain>("cluster").GetClusterSnapshotAsync();

        Assert.Equal(fixture.Cluster.ClusterId, snapshot.ClusterId);
        var active = snapshot.Silos.Where(s => s.Status == SiloStatus.Active).ToList();
        Assert.Equal(fixture.Cluster.Silos.Select(s => s.Address.ToString()).Order(), active.Select(s => s.Address).Order());
        Assert.True(active.Sum(s => s.ActivationsByGrainType!.GetValueOrDefault("counter")) >= 1);
    }
}
