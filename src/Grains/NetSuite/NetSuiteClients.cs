using Microsoft.Extensions.Logging;

namespace EcomOps.Grains.NetSuite;

/// <summary>Makes RESTlet clients on the shared "netsuite" HTTP client, which carries the correlation id of the request
/// that caused each call.</summary>
public sealed class NetSuiteClients(IHttpClientFactory httpClients, TimeProvider time, ILoggerFactory loggers)
{
    public const string HttpClientName = "netsuite";

    public RestletClient Restlet(TbaCredentials credentials, Uri restletUrl, RetryPolicy retry, AccountSlots? slots = null) =>
        new(httpClients.CreateClient(HttpClientName), credentials, restletUrl, retry, time, loggers.CreateLogger<RestletClient>(), slots);
}
