using EcomOps.Runtime.Hosting;

namespace EcomOps.Runtime.Tests;

public sealed class CorrelationIdHandlerTests
{
    [Fact]
    public async Task OutboundCallsCarryTheCurrentCorrelationId()
    {
        var seen = new List<string?>();
        using var client = new HttpClient(new CorrelationIdHandler { InnerHandler = new Recorder(seen) });
        RequestContext.CorrelationId = "corr-out-1";
        try
        {
            await client.GetAsync(new Uri("http://example.invalid/a"));
        }
        finally
        {
            RequestContext.Clear();
        }

        await client.GetAsync(new Uri("http://example.invalid/b"));
        Assert.Equal(["corr-out-1", null], seen);
    }

    private sealed class Recorder(List<string?> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.Headers.TryGetValues(CorrelationIdHandler.HeaderName, out var values) ? values.Single() : null);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
