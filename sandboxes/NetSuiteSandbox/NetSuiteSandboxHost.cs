using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using EcomOps.Grains.NetSuite;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>A stand-in for NetSuite that speaks the RESTlet contract at NetSuite's RESTlet path, SuiteQL at REST web
/// services' path, and OAuth 2.0 client credentials at NetSuite's token endpoint. Token-Based Authentication and bearer
/// tokens are checked as NetSuite checks them, the account concurrency limit is enforced with NetSuite's errors, and
/// faults come on demand. Tests and the demo point connections at it; nothing else changes.</summary>
public sealed class NetSuiteSandboxHost : IAsyncDisposable
{
    public const string RestletPath = "/app/site/hosting/restlet.nl";
    public const string Script = "customscript_ecomops_search";
    public const string Deploy = "customdeploy_ecomops_search";

    private const string InvalidLogin = "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.";

    private readonly WebApplication app;
    private readonly Dictionary<string, SandboxAccount> accounts;
    private readonly Dictionary<string, SandboxCatalog> catalogs;
    private readonly TbaVerifier tba;
    private readonly ClientAssertionVerifier assertions;
    private readonly SandboxAccessTokens tokens;
    private readonly int suiteQlResultCeiling;
    private readonly ConcurrentQueue<string> tokenRefusals = new();

    private NetSuiteSandboxHost(WebApplication app, SandboxOptions options, Dictionary<string, SandboxAccount> accounts, Dictionary<string, SandboxCatalog> catalogs, TimeProvider time)
    {
        this.app = app;
        this.accounts = accounts;
        this.catalogs = catalogs;
        tba = new TbaVerifier(accounts, time);
        assertions = new ClientAssertionVerifier(options.OAuth2Clients, time);
        tokens = new SandboxAccessTokens(time);
        suiteQlResultCeiling = options.SuiteQlResultCeiling;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<NetSuiteSandboxHost> StartAsync(SandboxOptions options, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var accounts = options.Accounts.ToDictionary(a => NetSuiteAccount.Realm(a.AccountId), a => new SandboxAccount(a, options.ConcurrencyLimit), StringComparer.Ordinal);
        if (options.OAuth2Clients.FirstOrDefault(c => !accounts.ContainsKey(NetSuiteAccount.Realm(c.AccountId))) is { } stray)
        {
            throw new ArgumentException($"OAuth 2.0 client {stray.ClientId} is for account {stray.AccountId}, which is not among the sandbox's accounts.", nameof(options));
        }

        var catalogs = accounts.Keys.ToDictionary(k => k, _ => new SandboxCatalog(options.RowsPerDataSet, time.GetUtcNow()), StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var host = new NetSuiteSandboxHost(app, options, accounts, catalogs, time);
        app.MapPost(RestletPath, host.RestletAsync);
        app.MapPost("/services/rest/auth/oauth2/v1/token", host.TokenAsync);
        app.MapPost("/services/rest/query/v1/suiteql", host.SuiteQlAsync);
        MapAdmin(app, host, time);
        await app.StartAsync();
        host.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return host;
    }

    /// <summary>The RESTlet URL a connection to this sandbox uses.</summary>
    public Uri RestletUrl => new(BaseAddress, $"{RestletPath}?script={Script}&deploy={Deploy}");

    /// <summary>The sandbox's stand-in for an account's SuiteTalk host, where its token endpoint and SuiteQL live.</summary>
    public Uri SuiteTalkUrl => BaseAddress;

    /// <summary>Why the token endpoint refused requests, oldest first, as NetSuite's Login Audit Trail would show.</summary>
    public IReadOnlyCollection<string> TokenRefusals => tokenRefusals;

    public SandboxAccount Account(string accountId) => accounts[NetSuiteAccount.Realm(accountId)];

    public SandboxCatalog Catalog(string accountId) => catalogs[NetSuiteAccount.Realm(accountId)];

    /// <summary>Every access token issued so far for the account stops working; new ones can be had.</summary>
    public void ExpireAccessTokens(string accountId) => tokens.ExpireAll(Account(accountId));

    /// <summary>Completes when the process is asked to stop (SIGTERM, Ctrl+C), for the sandbox run on its own.</summary>
    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>The account a bearer token for <paramref name="scope"/>, or a TBA signature, stands for.</summary>
    private SandboxAccount? Authenticate(HttpRequest request, string scope)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? tokens.Find(header["Bearer ".Length..].Trim(), scope) : tba.Verify(request);
    }

    private async Task RestletAsync(HttpContext context)
    {
        if (Authenticate(context.Request, "restlets") is not { } account)
        {
            await RestletErrorAsync(context, StatusCodes.Status401Unauthorized, "INVALID_LOGIN_ATTEMPT", "Invalid login attempt.");
            return;
        }

        if (context.Request.Query["script"] != Script || context.Request.Query["deploy"] != Deploy)
        {
            await RestletErrorAsync(context, StatusCodes.Status400BadRequest, "SSS_INVALID_SCRIPTLET_ID", "That Suitelet is invalid, disabled, or no longer exists.");
            return;
        }

        var faults = account.Faults;
        if (faults.TokensExpired)
        {
            await RestletErrorAsync(context, StatusCodes.Status401Unauthorized, "INVALID_LOGIN_ATTEMPT", "Invalid login attempt.");
            return;
        }

        if (faults.TakeConcurrencyError() || !account.TryEnter())
        {
            await RestletErrorAsync(context, StatusCodes.Status400BadRequest, "SSS_REQUEST_LIMIT_EXCEEDED", "Request limit exceeded.");
            return;
        }

        try
        {
            if (faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(faults.Latency, context.RequestAborted);
            }

            if (faults.TakeServerError())
            {
                await RestletErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "UNEXPECTED_ERROR", "An unexpected error occurred.");
                return;
            }

            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var response = RestletSimulator.Run(catalogs[NetSuiteAccount.Realm(account.Credentials.AccountId)], body.RootElement);
            await WriteAsync(context, JsonSerializer.SerializeToUtf8Bytes(response, new JsonSerializerOptions(JsonSerializerDefaults.Web)), faults);
        }
        finally
        {
            account.Leave();
        }
    }

    private async Task TokenAsync(HttpContext context)
    {
        try
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
            if (form["grant_type"] != "client_credentials" || form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                || form["client_assertion"] is not { Count: 1 } assertion)
            {
                throw new OAuth2Refusal("invalid_request", "MalformedRequest: grant_type client_credentials, client_assertion_type jwt-bearer and one client_assertion are required");
            }

            var tokenUrl = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}";
            var (client, scopes) = assertions.Verify(assertion.ToString(), tokenUrl);
            var token = tokens.Issue(Account(client.AccountId), scopes);
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["access_token"] = token,
                ["expires_in"] = ((int)SandboxAccessTokens.Lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                ["token_type"] = "Bearer",
            });
        }
        catch (OAuth2Refusal refusal)
        {
            tokenRefusals.Enqueue(refusal.Reason);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = refusal.Error });
        }
    }

    private async Task SuiteQlAsync(HttpContext context)
    {
        if (Authenticate(context.Request, "rest_webservices") is not { Faults.TokensExpired: false } account)
        {
            await RestErrorAsync(context, new SuiteQlError(StatusCodes.Status401Unauthorized, "INVALID_LOGIN", InvalidLogin, null));
            return;
        }

        var faults = account.Faults;
        if (faults.TakeConcurrencyError() || !account.TryEnter())
        {
            await RestErrorAsync(context, new SuiteQlError(StatusCodes.Status429TooManyRequests, "CONCURRENCY_LIMIT_EXCEEDED",
                "Concurrent request limit exceeded. Request blocked.", null));
            return;
        }

        try
        {
            if (faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(faults.Latency, context.RequestAborted);
            }

            if (faults.TakeServerError())
            {
                await RestErrorAsync(context, new SuiteQlError(StatusCodes.Status503ServiceUnavailable, "UNEXPECTED_ERROR", "An unexpected error occurred.", null));
                return;
            }

            var answer = SuiteQlSimulator.Run(catalogs[NetSuiteAccount.Realm(account.Credentials.AccountId)], await QueryTextAsync(context),
                PagingParameter(context, "limit", 1000, 1, 1000), PagingParameter(context, "offset", 0, 0, int.MaxValue), suiteQlResultCeiling,
                $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}");
            await WriteAsync(context, JsonSerializer.SerializeToUtf8Bytes(answer), faults);
        }
        catch (SuiteQlError error)
        {
            await RestErrorAsync(context, error);
        }
        finally
        {
            account.Leave();
        }
    }

    /// <summary>The query in the body's <c>q</c>; SuiteQL runs only as a transient query, which the client must ask for.</summary>
    private static async Task<string> QueryTextAsync(HttpContext context)
    {
        if (!context.Request.Headers["Prefer"].Any(p => p is not null && p.Contains("transient", StringComparison.OrdinalIgnoreCase)))
        {
            throw new SuiteQlError(StatusCodes.Status400BadRequest, "INVALID_HEADER", "SuiteQL queries must be sent with the header Prefer: transient.", null);
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("q", out var q) && q.ValueKind == JsonValueKind.String
                ? q.GetString()!
                : throw new JsonException("no q");
        }
        catch (JsonException)
        {
            throw new SuiteQlError(StatusCodes.Status400BadRequest, "INVALID_CONTENT", "The request body must be a JSON object with the query in \"q\".", null);
        }
    }

    private static int PagingParameter(HttpContext context, string name, int absent, int min, int max)
    {
        var text = context.Request.Query[name].ToString();
        return text.Length == 0 ? absent
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value
            : throw new SuiteQlError(StatusCodes.Status400BadRequest, "INVALID_PARAMETER",
                $"Invalid value for the {name} parameter: it must be a whole number from {min.ToString(CultureInfo.InvariantCulture)}{(max == int.MaxValue ? "" : " to " + max.ToString(CultureInfo.InvariantCulture))}.", name);
    }

    private static Task WriteAsync(HttpContext context, byte[] json, SandboxFaults faults)
    {
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(faults.TakeMalformedPage() ? json.AsMemory(0, json.Length / 2) : json, context.RequestAborted).AsTask();
    }

    private static Task RestletErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { code, message } });
    }

    /// <summary>REST web services' error shape: RFC 7807-like, with NetSuite's code and detail in <c>o:errorDetails</c>.</summary>
    private static Task RestErrorAsync(HttpContext context, SuiteQlError error)
    {
        var detail = new Dictionary<string, string> { ["detail"] = error.Message, ["o:errorCode"] = error.Code };
        if (error.QueryParameter is { } parameter)
        {
            detail["o:errorQueryParam"] = parameter;
        }

        context.Response.StatusCode = error.Status;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["type"] = error.Status switch
            {
                StatusCodes.Status400BadRequest => "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1",
                StatusCodes.Status401Unauthorized => "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2",
                StatusCodes.Status429TooManyRequests => "https://www.rfc-editor.org/rfc/rfc6585.html#section-4",
                _ => "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.4",
            },
            ["title"] = ReasonPhrases.GetReasonPhrase(error.Status),
            ["status"] = error.Status,
            ["o:errorDetails"] = new[] { detail },
        });
    }

    private static void MapAdmin(WebApplication app, NetSuiteSandboxHost host, TimeProvider time)
    {
        var admin = app.MapGroup("/sandbox/accounts/{accountId}");
        admin.MapGet("/stats", (string accountId) => host.Account(accountId).Stats);
        admin.MapPut("/limit", (string accountId, int limit) => host.Account(accountId).ConcurrencyLimit = limit);
        admin.MapPost("/faults", (string accountId, int? latencyMs, int? serverErrors, int? concurrencyErrors, int? malformedPages, bool? tokensExpired) =>
        {
            var faults = host.Account(accountId).Faults;
            faults.Latency = TimeSpan.FromMilliseconds(latencyMs ?? 0);
            faults.TokensExpired = tokensExpired ?? false;
            if (faults.TokensExpired)
            {
                host.ExpireAccessTokens(accountId);
            }

            faults.Set(serverErrors ?? 0, concurrencyErrors ?? 0, malformedPages ?? 0);
        });
        admin.MapPost("/tokens/expire", (string accountId) => host.ExpireAccessTokens(accountId));
        admin.MapPost("/records/{recordType}/{id:long}/update", (string accountId, string recordType, long id) => host.Catalog(accountId).DataSets[recordType].Update(id, time.GetUtcNow()));
        admin.MapPost("/records/{recordType}/{id:long}/delete", (string accountId, string recordType, long id) => host.Catalog(accountId).DataSets[recordType].Delete(id));
        admin.MapPost("/records/{recordType}", (string accountId, string recordType) => host.Catalog(accountId).DataSets[recordType].Add(time.GetUtcNow()));
    }
}
