using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EcomOps.Grains.Common;
using EcomOps.Grains.NetSuite;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using EcomOps.Sandboxes.NetSuite;
using EcomOps.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace EcomOps.Bench;

/// <summary>A full sync of a large sandbox search through the product's own silo process (src/Silo), beside a plain
/// binary COPY of the same rows into a table shaped like the dataset table: the ceiling the sync is measured against.
/// The silo's peak memory is its kernel high-water mark (VmHWM), so no sample can miss the peak.</summary>
public static class SyncBenchmark
{
    private const string Account = "1234567_SB1";
    private const string Search = "customsearch_ecomops_customers";
    private static readonly TbaCredentials Credentials = new(Account, "ck-bench", "cs-bench", "tid-bench", "ts-bench");

    public static async Task<int> RunAsync()
    {
        var rows = long.Parse(Environment.GetEnvironmentVariable("ECOMOPS_BENCH_SYNC_ROWS") ?? "1000000", CultureInfo.InvariantCulture);
        var siloDll = Environment.GetEnvironmentVariable("ECOMOPS_SILO_DLL") ?? throw new InvalidOperationException("ECOMOPS_SILO_DLL must name the built EcomOps.Silo.dll (bench/run.sh sets it).");
        await using var database = await TestDatabase.CreateAsync();
        var sandboxOptions = new SandboxOptions { RowsPerDataSet = rows, ConcurrencyLimit = 5 };
        sandboxOptions.Accounts.Add(Credentials);
        await using var sandbox = await NetSuiteSandboxHost.StartAsync(sandboxOptions);

        var clusterId = "bench-sync-" + Guid.NewGuid().ToString("N")[..8];
        var secret = Guid.NewGuid().ToString("N");
        var siloPort = BenchHosts.FreePort();
        using var silo = StartSilo(siloDll, database.ConnectionString, clusterId, secret, siloPort);
        try
        {
            await BenchHosts.WaitForReadyAsync(siloPort);
            using var client = await BenchHosts.StartClientAsync(database.ConnectionString, clusterId, secret);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            var sync = await PrepareAsync(grains, sandbox);

            Console.Error.WriteLine($"  syncing {rows:N0} rows");
            var clock = Stopwatch.StartNew();
            var run = await sync.RunNowAsync(Actor.System, SyncMode.Full);
            SyncInfo info;
            while ((info = await sync.GetAsync()).LastRun?.RunId != run.RunId)
            {
                if (info.CurrentRun is { } progress)
                {
                    Console.Error.Write($"\r  page {progress.Pages} of {progress.PageCount}, {progress.RowsRead:N0} rows, silo RSS {Rss(silo, "VmRSS:") / 1024:F0} MB   ");
                }

                await Task.Delay(250);
            }

            clock.Stop();
            Console.Error.WriteLine();
            var final = info.LastRun!;
            if (final.Status != SyncRunStatus.Succeeded || final.RowsInserted != rows)
            {
                throw new InvalidOperationException($"The sync did not copy every row: {final}");
            }

            var peakRssMb = Rss(silo, "VmHWM:") / 1024;
            var syncRate = rows / clock.Elapsed.TotalSeconds;
            var copyRate = await PlainCopyAsync(database.ConnectionString, sandbox.Catalog(Account).DataSets["customer"], rows);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  sync {clock.Elapsed.TotalSeconds:F1} s, {final.Pages} pages, {final.Retries} retries; sync/COPY {syncRate / copyRate:F2}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sync: rows={rows} rows_per_s={syncRate:F0} copy_rows_per_s={copyRate:F0} peak_silo_rss_mb={peakRssMb:F0}"));
            return 0;
        }
        finally
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
        }
    }

    private static async Task<ISavedSearchSyncGrain> PrepareAsync(IGrainFactory grains, NetSuiteSandboxHost sandbox)
    {
        var tenantId = Guid.NewGuid();
        await grains.GetGrain<ITenantGrain>(tenantId.ToString("N"))
            .RegisterAsync(new Registration("Bench Co", $"bench-{tenantId:N}@example.com", "Bench", "a long bench password", "UTC"));
        var connectionId = Guid.NewGuid();
        await grains.GetGrain<INetSuiteConnectionGrain>(ConnectionKey.Of(tenantId, connectionId)).CreateAsync(Actor.System,
            new ConnectionSettings("Sandbox", Account, sandbox.RestletUrl, NetSuiteAuthMethod.Tba,
                new TbaSecrets(Credentials.ConsumerKey, Credentials.ConsumerSecret, Credentials.TokenId, Credentials.TokenSecret)));
        await grains.GetGrain<INetSuiteAccountGrain>(Account).SetLimitAsync(5);
        var sync = grains.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(tenantId, connectionId, Search));
        await sync.ConfigureAsync(Actor.System, new SyncSettings("Customers", SyncMode.Full, SyncSchedule.Manual));
        return sync;
    }

    /// <summary>The same rows, serialized the same way, by one binary COPY into a table like the dataset table.</summary>
    private static async Task<double> PlainCopyAsync(string connectionString, SandboxDataSet dataSet, long rows)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand("create table bench_copy (like ns_dataset_rows including all)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var tenant = Guid.NewGuid();
        var connection = Guid.NewGuid();
        var clock = Stopwatch.StartNew();
        await using (var session = await dataSource.OpenConnectionAsync())
        await using (var copy = await session.BeginBinaryImportAsync("copy bench_copy (tenant_id, connection_id, search_id, internal_id, values, seen_in_run) from stdin (format binary)"))
        {
            for (long id = 1; id <= rows; id++)
            {
                var record = dataSet.Find(id)!;
                var values = dataSet.Columns.Select(c => new RestletValue(c.Type == "datetime" ? record.LastModified.UtcDateTime.ToString("M/d/yyyy h:mm tt", CultureInfo.InvariantCulture).ToLowerInvariant() : record.Fields[c.Name], null)).ToList();
                await copy.StartRowAsync();
                await copy.WriteAsync(tenant, NpgsqlDbType.Uuid);
                await copy.WriteAsync(connection, NpgsqlDbType.Uuid);
                await copy.WriteAsync(Search, NpgsqlDbType.Text);
                await copy.WriteAsync(id, NpgsqlDbType.Bigint);
                await copy.WriteAsync(JsonSerializer.Serialize(values, RestletJson.Options), NpgsqlDbType.Jsonb);
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
            }

            await copy.CompleteAsync();
        }

        return rows / clock.Elapsed.TotalSeconds;
    }

    private static Process StartSilo(string siloDll, string connectionString, string clusterId, string secret, int port)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(siloDll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.GetDirectoryName(siloDll)!);
        start.Environment["Cluster__ConnectionString"] = connectionString;
        start.Environment["Cluster__ClusterId"] = clusterId;
        start.Environment["Cluster__Secret"] = secret;
        start.Environment["Silo__Port"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["Secrets__ActiveKeyId"] = "bench";
        start.Environment["Secrets__Keys__bench"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        return Process.Start(start)!;
    }

    /// <summary>A memory figure of the process from /proc, in KiB.</summary>
    private static double Rss(Process process, string field) =>
        File.ReadLines($"/proc/{process.Id}/status").Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => double.Parse(l[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)).Single();
}
