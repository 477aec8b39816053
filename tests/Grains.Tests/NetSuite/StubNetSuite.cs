using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace EcomOps.Grains.Tests.NetSuite;

/// <summary>An HTTP handler that answers from a script instead of a network, and keeps every request it saw with its body.</summary>
internal sealed class StubNetSuite(Func<HttpRequestMessage, string, int, HttpResponseMessage> answer) : HttpMessageHandler
{
    public ConcurrentQueue<(HttpRequestMessage Request, string Body)> Requests { get; } = new();

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request, body));
        return answer(request, body, Requests.Count);
    }
}
