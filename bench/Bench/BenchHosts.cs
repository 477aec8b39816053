using System.Diagnostics;
using System.Net;
using EcomOps.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcomOps.Bench;

/// <summary>The hosts a benchmark runs: silos, clients and a bare HTTP/2 echo server, all quiet.</summary>
public static class BenchHosts
{
    public static async Task<IHost> StartSiloAsync(string connectionString, string clusterId, string secret, int port)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Settings(connectionString, clusterId, secret, new()
        {
            ["Silo:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo:ListenAddress"] = "127.0.0.1",
        }));
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddConsole();
        builder.AddSilo(silo => silo.AddGrains<PingGrain>());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static async Task<IHost> StartClientAsync(string connectionString, string clusterId, string secret)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Settings(connectionString, clusterId, secret, []));
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddConsole();
        builder.AddClusterClient();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Kestrel, cleartext HTTP/2, answering each POST with its own body: the transport's ceiling.</summary>
    public static async Task<WebApplication> StartEchoAsync(int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length));
        });
        await app.StartAsync();
        return app;
    }

    private static Dictionary<string, string?> Settings(string connectionString, string clusterId, string secret, Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>(extra)
        {
            ["Cluster:ClusterId"] = clusterId,
            ["Cluster:ConnectionString"] = connectionString,
            ["Cluster:Secret"] = secret,
        };
        return settings;
    }

    public static async Task WaitForReadyAsync(int siloPort)
    {
        using var http = Http2Client();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{siloPort}/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The silo process did not become ready within 60 s.");
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Cleartext HTTP/2 with prior knowledge, as silos speak it.</summary>
    public static HttpClient Http2Client() => new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseProxy = false })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };
}
