using System.Net.Http.Json;
using System.Security.Cryptography;
using EcomOps.Grains.Hosting;
using EcomOps.Grains.NetSuite;
using EcomOps.Sandboxes.NetSuite;
using EcomOps.TestingHost;
using EcomOps.WebFrontend.Api;
using EcomOps.WebFrontend.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EcomOps.WebFrontend.Tests;

/// <summary>A two-silo cluster hosting the product grains on a fresh database, the web frontend in front of it (in
/// memory for API tests, on a loopback port for the browser), and a NetSuite sandbox for connections to point at.</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private WebApplication? inMemory;
    private WebApplication? onPort;

    public TestDatabase Database { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>The silos' clock.</summary>
    public PausableTime Clock { get; } = new();

    public HttpClient Api { get; private set; } = null!;

    /// <summary>A stand-in NetSuite account with <see cref="SandboxRows"/> rows in each saved search.</summary>
    public NetSuiteSandboxHost Sandbox { get; private set; } = null!;

    public const long SandboxRows = 230;

    /// <summary>Rows per RESTlet page the silos ask for, so a run of a sandbox search takes several pages.</summary>
    public const int SyncPageSize = 50;

    /// <summary>The sandbox account's TBA credentials, which connections in tests use.</summary>
    public static TbaCredentials SandboxCredentials { get; } = new("1234567_SB1", "ck-portal-tests", "cs-portal-tests-SECRET", "tid-portal-tests", "ts-portal-tests-SECRET");

    // Declared before what reads it: static initializers run in order.
    private static readonly RSA OAuth2Key = RSA.Create(2048);

    /// <summary>The sandbox account's OAuth 2.0 client: its client id, certificate id and the certificate's private
    /// key, made for this run.</summary>
    public static (string ClientId, string CertificateId, string PrivateKeyPem) SandboxOAuth2 { get; } =
        ("client-portal-tests-SECRET", "cert-portal-tests", OAuth2Key.ExportPkcs8PrivateKeyPem());

    /// <summary>The frontend on a real port, started on first use (browser tests only).</summary>
    public async Task<Uri> PortalAddressAsync()
    {
        if (onPort is null)
        {
            onPort = Build(testServer: false);
            onPort.Urls.Add("http://127.0.0.1:0");
            await onPort.StartAsync();
        }

        return new Uri(onPort.Urls.First());
    }

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var options = new TestClusterOptions { InitialSilos = 2 };
        options.ConfigureServices = services => services.AddSingleton<TimeProvider>(Clock);
        options.ConfigureSilo = silo => silo.AddProductGrains();
        options.Configuration["Tenancy:LockoutThreshold"] = "5";
        options.Configuration["Sync:PageSize"] = SyncPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Configuration["Sync:PagesPerRequest"] = "1";
        Cluster = await TestCluster.StartAsync(Database.ConnectionString, options);
        var sandbox = new SandboxOptions { RowsPerDataSet = SandboxRows };
        sandbox.Accounts.Add(SandboxCredentials);
        sandbox.OAuth2Clients.Add(new SandboxOAuth2Client(SandboxCredentials.AccountId, SandboxOAuth2.ClientId, SandboxOAuth2.CertificateId, OAuth2Key.ExportSubjectPublicKeyInfoPem()));
        Sandbox = await NetSuiteSandboxHost.StartAsync(sandbox);
        inMemory = Build(testServer: true);
        await inMemory.StartAsync();
        Api = inMemory.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { inMemory, onPort })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        await Sandbox.DisposeAsync();
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Registers a new tenant through the API and returns an authenticated client for its Owner.</summary>
    public async Task<Session> RegisterAsync(string? email = null, string password = "correct horse battery")
    {
        email ??= $"owner-{Guid.NewGuid():N}@example.com";
        var response = await Api.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("Acme " + Guid.NewGuid().ToString("N")[..6], email, "Olive Owner", password, "Europe/Berlin"));
        response.EnsureSuccessStatusCode();
        var tokens = (await response.Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!;
        return new Session(this, tokens, email, password);
    }

    public HttpClient ClientWith(string bearer)
    {
        var client = inMemory!.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    private WebApplication Build(bool testServer)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ApplicationName = typeof(WebFrontendHostingExtensions).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = Cluster.ClusterId,
            ["Cluster:ConnectionString"] = Database.ConnectionString,
            ["Cluster:Secret"] = ClusterSecret,
            ["Client:RefreshInterval"] = "00:00:00.500",
            ["Auth:JwtSigningKey"] = SigningKey,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        if (testServer)
        {
            builder.WebHost.UseTestServer();
        }

        builder.AddWebFrontend();
        var app = builder.Build();
        app.UseWebFrontend();
        return app;
    }

    private static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private string ClusterSecret => Cluster.Secret;
}
