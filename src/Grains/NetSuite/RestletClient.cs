using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace EcomOps.Grains.NetSuite;

/// <summary>Calls the saved-search RESTlet of one NetSuite account, with Token-Based Authentication or an OAuth 2.0
/// bearer token, and the retries and typed errors of <see cref="NetSuiteRequestSender"/>. A contract error the RESTlet
/// reports inside a 200 (<c>ok: false</c>) becomes a <see cref="NetSuiteException"/> with the contract's code.</summary>
public sealed class RestletClient
{
    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);
    private readonly NetSuiteRequestSender sender;
    private readonly Uri restletUrl;

    public RestletClient(HttpClient http, NetSuiteAuthorization authorization, Uri restletUrl, RetryPolicy retry, TimeProvider time, ILogger logger, AccountSlots? slots = null)
    {
        sender = new NetSuiteRequestSender(http, authorization, retry, time, logger, slots);
        this.restletUrl = restletUrl;
    }

    public RestletClient(HttpClient http, TbaCredentials credentials, Uri restletUrl, RetryPolicy retry, TimeProvider time, ILogger logger, AccountSlots? slots = null)
        : this(http, new TbaAuthorization(credentials, time), restletUrl, retry, time, logger, slots)
    {
    }

    /// <summary>Attempts the last call needed, for run history.</summary>
    public int LastAttempts => sender.LastAttempts;

    public Task<RestletResponse> RunAsync(RestletRequest request, CancellationToken cancellationToken) =>
        sender.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, restletUrl) { Content = JsonContent.Create(request, options: RestletJson.Options) },
            body =>
            {
                var response = JsonSerializer.Deserialize<RestletResponse>(body, ReadOptions) ?? throw new JsonException("empty body");
                return response.Ok ? response : throw new NetSuiteException(response.Error?.Code ?? "UNEXPECTED", response.Error?.Message ?? "The RESTlet reported an error.");
            },
            cancellationToken);
}
