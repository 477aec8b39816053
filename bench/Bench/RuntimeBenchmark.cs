using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using EcomOps.Runtime;
using EcomOps.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace EcomOps.Bench;

/// <summary><c>bench/run.sh runtime</c>: grain call and state write throughput beside their baselines, in one run.</summary>
public static class RuntimeBenchmark
{
    private const int Callers = 256;
    private const int Grains = 1024;
    private const int Writers = 32;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);

    public static async Task<int> RunAsync()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var secret = Guid.NewGuid().ToString("N");

        var plain = new PlainCounter();
        IPingGrain baseline = plain;
        var direct = await Load.ClosedLoopAsync(Callers, Duration, (_, n) => baseline.PingAsync((int)n));
        Report("direct calls/s", direct);

        double local;
        double stateWrites;
        double rawUpserts;
        using (var silo = await BenchHosts.StartSiloAsync(database.ConnectionString, clusterId + "-local", secret, 0))
        {
            var factory = silo.Services.GetRequiredService<IGrainFactory>();
            var pings = Enumerable.Range(0, Grains).Select(i => factory.GetGrain<IPingGrain>("p" + i)).ToArray();
            local = await Load.ClosedLoopAsync(Callers, Duration, (caller, n) => pings[(caller * 7 + n) % Grains].PingAsync((int)n));
            Report("in-silo grain calls/s", local);

            var writers = Enumerable.Range(0, Writers).Select(i => factory.GetGrain<IStateWriterGrain>("w" + i)).ToArray();
            stateWrites = await Load.ClosedLoopAsync(Writers, Duration, (caller, n) => writers[caller].WriteAsync((int)n));
            Report("state writes/s", stateWrites);

            rawUpserts = await RawUpsertsAsync(database.ConnectionString);
            Report("raw upserts/s", rawUpserts);
            await silo.StopAsync();
        }

        var echoPort = BenchHosts.FreePort();
        var siloPort = BenchHosts.FreePort();
        using var child = StartSiloProcess(database.ConnectionString, clusterId, secret, siloPort, echoPort);
        try
        {
            await BenchHosts.WaitForReadyAsync(siloPort);
            using var clientHost = await BenchHosts.StartClientAsync(database.ConnectionString, clusterId, secret);
            var client = clientHost.Services.GetRequiredService<IClusterClient>();
            var pings = Enumerable.Range(0, Grains).Select(i => client.GetGrain<IPingGrain>("r" + i)).ToArray();
            RequestContext.CorrelationId = "bench";
            var remote = await Load.ClosedLoopAsync(Callers, Duration, (caller, n) => pings[(caller * 7 + n) % Grains].PingAsync((int)n));
            Report("client-to-silo calls/s", remote);

            using var http = BenchHosts.Http2Client();
            var echoUri = new Uri($"http://127.0.0.1:{echoPort}/echo");
            var echo = await Load.ClosedLoopAsync(Callers, Duration, (_, n) => EchoAsync(http, echoUri, n));
            Report("HTTP/2 echo/s", echo);

            var gcBefore = GC.CollectionCount(0);
            var pauseBefore = GC.GetTotalPauseDuration();
            var latencies = await Load.PacedAsync(remote / 2, Duration, n => pings[n % Grains].PingAsync((int)n));
            var p50 = Load.Percentile(latencies, 0.50);
            var p99 = Load.Percentile(latencies, 0.99);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  latency at {remote / 2:F0} calls/s over {latencies.Length} calls: p50 {p50:F3} p90 {Load.Percentile(latencies, 0.9):F3} p99 {p99:F3} p99.9 {Load.Percentile(latencies, 0.999):F3} max {latencies[^1]:F3} ms; client gen0 GCs {GC.CollectionCount(0) - gcBefore}, GC pause {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:F0} ms"));

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratios: local/direct={local / direct:F4} remote/echo={remote / echo:F3} state_writes/raw_upserts={stateWrites / rawUpserts:F3}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"runtime: direct_calls_per_s={direct:F0} local_calls_per_s={local:F0} remote_calls_per_s={remote:F0} http2_echo_per_s={echo:F0} remote_p50_ms={p50:F3} remote_p99_ms={p99:F3} state_writes_per_s={stateWrites:F0} raw_upserts_per_s={rawUpserts:F0}"));
            await clientHost.StopAsync();
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        return 0;
    }

    /// <summary>The child process: a silo and a bare echo server side by side, until the parent ends it.</summary>
    public static async Task<int> RunSiloProcessAsync(string connectionString, string clusterId, string secret, int siloPort, int echoPort)
    {
        await using var echo = await BenchHosts.StartEchoAsync(echoPort);
        using var silo = await BenchHosts.StartSiloAsync(connectionString, clusterId, secret, siloPort);
        Console.WriteLine("ready");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }

    /// <summary>The database's ceiling for the same rows: plain upserts of grain-state-shaped rows at the same concurrency.</summary>
    private static async Task<double> RawUpsertsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await Load.ClosedLoopAsync(Writers, Duration, async (caller, n) =>
        {
            await using var command = dataSource.CreateCommand(
                """
                insert into rt_grain_state (service_id, grain_type, grain_key, state_name, payload, version) values ($1, $2, $3, $4, $5, 1)
                on conflict (service_id, grain_type, grain_key, state_name) do update set payload = excluded.payload, version = rt_grain_state.version + 1, updated_at = now()
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = "raw", NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = "statewriter", NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = "w" + caller, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = "bench", NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter
            {
                Value = $"{{\"Value\":{n},\"UpdatedAt\":\"{DateTimeOffset.UtcNow:O}\"}}",
                NpgsqlDbType = NpgsqlDbType.Jsonb,
            });
            await command.ExecuteNonQueryAsync();
        });
    }

    private static async Task EchoAsync(HttpClient http, Uri uri, long n)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"[{n}]")) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
    }

    private static Process StartSiloProcess(string connectionString, string clusterId, string secret, int siloPort, int echoPort)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = false,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(RuntimeBenchmark).Assembly.Location, "silo-process", connectionString, clusterId, secret, siloPort.ToString(CultureInfo.InvariantCulture), echoPort.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static void Report(string what, double value) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {value:F0}"));
}
