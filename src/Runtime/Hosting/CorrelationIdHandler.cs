using System.Net.Http;

namespace EcomOps.Runtime.Hosting;

/// <summary>Puts the current request's correlation id on outbound HTTP calls, so a NetSuite or Stripe call made
/// inside a grain can be traced back to the request that caused it.</summary>
public sealed class CorrelationIdHandler : DelegatingHandler
{
    public const string HeaderName = "X-Correlation-ID";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (RequestContext.CorrelationId is { } correlationId && !request.Headers.Contains(HeaderName))
        {
            request.Headers.TryAddWithoutValidation(HeaderName, correlationId);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
