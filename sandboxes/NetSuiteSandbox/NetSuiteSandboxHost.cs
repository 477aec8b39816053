using System.Net;
using System.Text.Json;
using EcomOps.Grains.NetSuite;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>A stand-in for NetSuite that speaks the RESTlet contract at NetSuite's RESTlet path, with Token-Based
/// Authentication checked as NetSuite checks it, the account concurrency limit enforced with NetSuite's error, and
/// faults on demand. Tests and the demo point connections at it; nothing else changes.</summary>
public sealed class NetSuiteSandboxHost : IAsyncDisposable
{
    public const string RestletPath = "/app/site/hosting/restlet.nl";
    public const string Script = "customscript_ecomops_search";
    public const string Deploy = "customdeploy_ecomops_search";

    private readonly WebApplication app;
    private readonly Dictionary<string, SandboxAccount> accounts;
    private readonly Dictionary<string, SandboxCatalog> catalogs;

    private NetSuiteSandboxHost(WebApplication app, Dictionary<string, SandboxAccount> accounts, Dictionary<string, SandboxCatalog> catalogs)
    {
        this.app = app;
        this.accounts = accounts;
        this.catalogs = catalogs;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<NetSuiteSandboxHost> StartAsync(SandboxOptions options, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var accounts = options.Accounts.ToDictionary(a => NetSuiteAccount.Realm(a.AccountId), a => new SandboxAccount(a, options.ConcurrencyLimit), StringComparer.Ordinal);
        var catalogs = accounts.Keys.ToDictionary(k => k, _ => new SandboxCatalog(options.RowsPerDataSet, time.GetUtcNow()), StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var host = new NetSuiteSandboxHost(app, accounts, catalogs);
        var verifier = new TbaVerifier(accounts, time);
        app.MapPost(RestletPath, (HttpContext context) => host.RestletAsync(context, verifier));
        MapAdmin(app, host, time);
        await app.StartAsync();
        host.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return host;
    }

    /// <summary>The RESTlet URL a connection to this sandbox uses.</summary>
    public Uri RestletUrl => new(BaseAddress, $"{RestletPath}?script={Script}&deploy={Deploy}");

    public SandboxAccount Account(string accountId) => accounts[NetSuiteAccount.Realm(accountId)];

    public SandboxCatalog Catalog(string accountId) => catalogs[NetSuiteAccount.Realm(accountId)];

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task RestletAsync(HttpContext context, TbaVerifier verifier)
    {
        if (verifier.Verify(context.Request) is not { } account)
        {
            await NetSuiteErrorAsync(context, StatusCodes.Status401Unauthorized, "INVALID_LOGIN_ATTEMPT", "Invalid login attempt.");
            return;
        }

        if (context.Request.Query["script"] != Script || context.Request.Query["deploy"] != Deploy)
        {
            await NetSuiteErrorAsync(context, StatusCodes.Status400BadRequest, "SSS_INVALID_SCRIPTLET_ID", "That Suitelet is invalid, disabled, or no longer exists.");
            return;
        }

        var faults = account.Faults;
        if (faults.TokensExpired)
        {
            await NetSuiteErrorAsync(context, StatusCodes.Status401Unauthorized, "INVALID_LOGIN_ATTEMPT", "Invalid login attempt.");
            return;
        }

        if (faults.TakeConcurrencyError() || !account.TryEnter())
        {
            await NetSuiteErrorAsync(context, StatusCodes.Status400BadRequest, "SSS_REQUEST_LIMIT_EXCEEDED", "Request limit exceeded.");
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
                await NetSuiteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "UNEXPECTED_ERROR", "An unexpected error occurred.");
                return;
            }

            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var response = RestletSimulator.Run(catalogs[NetSuiteAccount.Realm(account.Credentials.AccountId)], body.RootElement);
            var json = JsonSerializer.SerializeToUtf8Bytes(response, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(faults.TakeMalformedPage() ? json.AsMemory(0, json.Length / 2) : json, context.RequestAborted);
        }
        finally
        {
            account.Leave();
        }
    }

    private static Task NetSuiteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { code, message } });
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
            faults.Set(serverErrors ?? 0, concurrencyErrors ?? 0, malformedPages ?? 0);
        });
        admin.MapPost("/records/{recordType}/{id:long}/update", (string accountId, string recordType, long id) => host.Catalog(accountId).DataSets[recordType].Update(id, time.GetUtcNow()));
        admin.MapPost("/records/{recordType}/{id:long}/delete", (string accountId, string recordType, long id) => host.Catalog(accountId).DataSets[recordType].Delete(id));
        admin.MapPost("/records/{recordType}", (string accountId, string recordType) => host.Catalog(accountId).DataSets[recordType].Add(time.GetUtcNow()));
    }
}
