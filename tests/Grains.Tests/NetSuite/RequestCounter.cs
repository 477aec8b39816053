using System.Collections.Concurrent;

namespace EcomOps.Grains.Tests.NetSuite;

/// <summary>Passes requests on to the network and counts them by path, to see how many token requests a client made.</summary>
internal sealed class RequestCounter() : DelegatingHandler(new HttpClientHandler())
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public int For(string path) => counts.GetValueOrDefault(path);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counts.AddOrUpdate(request.RequestUri!.AbsolutePath, 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }
}
