using EcomOps.Grains.Common;
using EcomOps.Grains.Hosting;
using EcomOps.Grains.NetSuite;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using EcomOps.Sandboxes.NetSuite;
using EcomOps.TestingHost;

namespace EcomOps.Grains.Tests.NetSuite;

/// <summary>Saved-search syncs on a cluster of real silos against the NetSuite sandbox over HTTP and a real database.</summary>
public sealed class SavedSearchSyncGrainTests : IAsyncLifetime
{
    private const string Account = "1234567_SB1";
    private const string Customers = "customsearch_ecomops_customers";
    private const int SourceRows = 1_200;
    private static readonly TbaCredentials Credentials = new(Account, "ck-sync", "cs-sync-SECRET", "tid-sync", "ts-sync-SECRET");
    private static readonly Actor Owner = new(ActorType.User, "owner", "Olive Owner");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private TestDatabase database = null!;
    private TestCluster cluster = null!;
    private NetSuiteSandboxHost sandbox = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var options = new TestClusterOptions { InitialSilos = 3 };
        options.Configuration["Sync:TickInterval"] = "00:00:00.300";
        options.Configuration["Sync:PageSize"] = "50";
        options.Configuration["Sync:PagesPerRequest"] = "2";
        options.Configuration["Sync:MaxAttempts"] = "60";
        options.Configuration["Sync:RetryBaseDelay"] = "00:00:00.005";
        options.Configuration["Sync:RetryMaxDelay"] = "00:00:00.050";
        options.Configuration["Sync:FailureBackoff"] = "00:10:00";
        options.ConfigureSilo = silo => silo.AddProductGrains();
        cluster = await TestCluster.StartAsync(database.ConnectionString, options);
        var sandboxOptions = new SandboxOptions { RowsPerDataSet = SourceRows };
        sandboxOptions.Accounts.Add(Credentials);
        sandbox = await NetSuiteSandboxHost.StartAsync(sandboxOptions);
    }

    public async Task DisposeAsync()
    {
        await sandbox.DisposeAsync();
        await cluster.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task AFullSyncCopiesTheSearchAnIncrementalOneUpsertsChangesAndTheNextFullOneRemovesDeletedRows()
    {
        var (tenant, _, sync) = await NewSyncAsync(Customers, SyncMode.Incremental);
        var first = await RunAsync(sync, null);
        Assert.Equal((SyncRunStatus.Succeeded, SyncMode.Full), (first.Status, first.Mode));
        Assert.Equal((SourceRows, SourceRows, 0L, 0L), (first.RowsRead, first.RowsInserted, first.RowsUpdated, first.RowsDeleted));
        Assert.Equal(SourceRows / 50, first.Pages);
        Assert.Equal(SourceRows / 50, first.PageCount);
        Assert.Equal(await SourceIdsAsync("customer"), await TargetIdsAsync(sync));

        var customers = sandbox.Catalog(Account).DataSets["customer"];
        customers.Update(10, DateTimeOffset.UtcNow);
        customers.Delete(20);
        var added = customers.Add(DateTimeOffset.UtcNow);
        var incremental = await RunAsync(sync, null);
        Assert.Equal((SyncRunStatus.Succeeded, SyncMode.Incremental), (incremental.Status, incremental.Mode));
        Assert.Equal((1L, 1L, 0L), (incremental.RowsInserted, incremental.RowsUpdated, incremental.RowsDeleted));
        Assert.True(incremental.RowsRead < 50, $"an incremental run reads the recent rows only, not {incremental.RowsRead}");
        var rows = await AllRowsAsync(sync);
        Assert.EndsWith("(edited)", rows.Single(r => r.Id == 10).Cells[0].Value);
        Assert.Contains(rows, r => r.Id == 20);
        Assert.Contains(rows, r => r.Id == added.Id);

        var full = await RunAsync(sync, SyncMode.Full);
        Assert.Equal((SyncMode.Full, 0L, 0L, 1L), (full.Mode, full.RowsInserted, full.RowsUpdated, full.RowsDeleted));
        Assert.Equal(await SourceIdsAsync("customer"), await TargetIdsAsync(sync));

        var info = await sync.GetAsync();
        Assert.Equal(SourceRows, info.Rows);
        Assert.Equal(full.StartedAt, info.Watermark);
        var history = await sync.ListRunsAsync(10);
        Assert.Equal([full.RunId, incremental.RunId, first.RunId], history.Select(r => r.RunId));
        Assert.All(history, r => Assert.Equal(SyncTrigger.Manual, r.Trigger));
        Assert.Equal(3, (await AuditAsync(tenant, "sync.run_requested")).Count);
    }

    [Fact]
    public async Task ARunWhoseSiloIsKilledResumesOnAnotherSiloFromItsCheckpointWithNoRowLostOrRepeated()
    {
        var (tenant, connection, sync) = await NewSyncAsync("customsearch_ecomops_items", SyncMode.Full);
        sandbox.Account(Account).Faults.Latency = TimeSpan.FromMilliseconds(150);
        var started = await sync.RunNowAsync(Owner, null);
        await Eventually.ReachesAsync(sync.GetAsync, s => s.CurrentRun is { Pages: >= 4 }, Patience, "a few pages written");
        var owner = cluster.Silos.Single(s => s.Silo.HasActivation(new GrainId("savedsearchsync", SyncKey.Of(tenant, connection, "customsearch_ecomops_items"))));
        await cluster.KillSiloAsync(owner);
        sandbox.Account(Account).Faults.Latency = TimeSpan.FromMilliseconds(20);

        var finished = await Eventually.ReachesAsync(sync.GetAsync, s => s.LastRun?.RunId == started.RunId, Patience, "the run to finish on another silo");
        var run = finished.LastRun!;
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.True(run.Resumes >= 1, "the run was taken over");
        Assert.Equal((SourceRows, SourceRows, SourceRows / 50), (run.RowsRead, run.RowsInserted, run.Pages));
        Assert.Equal(await SourceIdsAsync("item"), await TargetIdsAsync(sync));
    }

    [Fact]
    public async Task AStormOfConcurrencyErrorsCompletesEverySyncWithoutEverGoingOverTheAccountLimit()
    {
        var tenantId = await NewTenantAsync();
        var connection = await NewConnectionAsync(tenantId, Credentials);
        await cluster.Client.GetGrain<INetSuiteAccountGrain>(Account).SetLimitAsync(2);
        sandbox.Account(Account).ConcurrencyLimit = 2;
        var syncs = new List<ISavedSearchSyncGrain>();
        foreach (var search in new[] { Customers, "customsearch_ecomops_items", "customsearch_ecomops_salesorders", "customsearch_ecomops_transactions" })
        {
            var sync = cluster.Client.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(tenantId, connection, search));
            await sync.ConfigureAsync(Owner, new SyncSettings(search, SyncMode.Full, SyncSchedule.Manual));
            syncs.Add(sync);
        }

        sandbox.Account(Account).Faults.Latency = TimeSpan.FromMilliseconds(5);
        sandbox.Account(Account).Faults.Set(serverErrors: 5, concurrencyErrors: 40, malformedPages: 0);
        var started = await Task.WhenAll(syncs.Select(s => s.RunNowAsync(Owner, null)));
        var finished = await Task.WhenAll(syncs.Select((s, i) => Eventually.ReachesAsync(s.GetAsync, x => x.LastRun?.RunId == started[i].RunId, Patience, "every sync to finish")));

        Assert.All(finished, s => Assert.Equal(SyncRunStatus.Succeeded, s.LastRun!.Status));
        Assert.All(finished, s => Assert.Equal(SourceRows, s.Rows));
        Assert.True(finished.Sum(s => s.LastRun!.Retries) >= 45, "every injected error was retried");
        var stats = sandbox.Account(Account).Stats;
        Assert.True(stats.PeakConcurrency <= 2, $"the sandbox saw {stats.PeakConcurrency} requests at once over a limit of 2");
        Assert.Equal(0, stats.RejectedOverLimit);
        Assert.Equal(2, (await cluster.Client.GetGrain<INetSuiteAccountGrain>(Account).GetStatusAsync()).PeakInUse);
    }

    [Fact]
    public async Task BadCredentialsAnUnknownSearchAndMalformedPagesEachFailClearlyAuditedWithNothingWritten()
    {
        var tenantId = await NewTenantAsync();
        var connection = await NewConnectionAsync(tenantId, Credentials with { TokenSecret = "wrong" });
        var badCredentials = cluster.Client.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(tenantId, connection, Customers));
        await badCredentials.ConfigureAsync(Owner, new SyncSettings("Customers", SyncMode.Full, SyncSchedule.Every(60)));
        var refused = await RunAsync(badCredentials, null);
        Assert.Equal(SyncRunStatus.Failed, refused.Status);
        Assert.Contains("refused the credentials", refused.Error);
        var afterFailure = await badCredentials.GetAsync();
        Assert.Equal(1, afterFailure.ConsecutiveFailures);
        Assert.True(afterFailure.NextRunAt > DateTimeOffset.UtcNow.AddMinutes(9), "a failed run backs off instead of retrying at once");
        Assert.Empty((await badCredentials.ReadRowsAsync(new DatasetQuery())).Rows);

        await cluster.Client.GetGrain<INetSuiteConnectionGrain>(ConnectionKey.Of(tenantId, connection)).UpdateAsync(Owner, Settings(Credentials));
        var unknown = cluster.Client.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(tenantId, connection, "customsearch_nothing_here"));
        await unknown.ConfigureAsync(Owner, new SyncSettings("Nothing", SyncMode.Full, SyncSchedule.Manual));
        var missing = await RunAsync(unknown, null);
        Assert.Equal(SyncRunStatus.Failed, missing.Status);
        Assert.Contains("no saved search customsearch_nothing_here", missing.Error);
        Assert.Empty((await unknown.ReadRowsAsync(new DatasetQuery())).Rows);

        sandbox.Account(Account).Faults.Set(0, 0, malformedPages: 1000);
        var malformed = await RunAsync(badCredentials, null);
        Assert.Equal(SyncRunStatus.Failed, malformed.Status);
        Assert.Contains("not valid JSON", malformed.Error);
        Assert.Empty((await badCredentials.ReadRowsAsync(new DatasetQuery())).Rows);
        Assert.Equal(2, (await badCredentials.GetAsync()).ConsecutiveFailures);

        var failures = await AuditAsync(tenantId, "sync.failed");
        Assert.Equal(3, failures.Count);
        Assert.All(failures, e => Assert.Equal("failed", e.Outcome));
        Assert.All(failures, e => Assert.DoesNotContain("SECRET", e.Details!));
        Assert.Contains(failures, e => e.Details!.Contains("customsearch_nothing_here", StringComparison.Ordinal));

        sandbox.Account(Account).Faults.Set(0, 0, 0);
        var recovered = await RunAsync(badCredentials, null);
        Assert.Equal(SyncRunStatus.Succeeded, recovered.Status);
        Assert.Equal(0, (await badCredentials.GetAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task ACancelledRunStopsKeepsWhatItWroteAndIsAudited()
    {
        var (tenant, _, sync) = await NewSyncAsync(Customers, SyncMode.Full);
        sandbox.Account(Account).Faults.Latency = TimeSpan.FromMilliseconds(100);
        var started = await sync.RunNowAsync(Owner, null);
        await Assert.ThrowsAsync<ConflictException>(() => sync.RunNowAsync(Owner, null));
        await Eventually.ReachesAsync(sync.GetAsync, s => s.CurrentRun is { Pages: >= 2 }, Patience, "a page or two");
        var cancelled = await sync.CancelAsync(Owner);
        sandbox.Account(Account).Faults.Latency = TimeSpan.Zero;

        Assert.Null(cancelled.CurrentRun);
        Assert.Equal((started.RunId, SyncRunStatus.Cancelled), (cancelled.LastRun!.RunId, cancelled.LastRun.Status));
        Assert.Contains("Olive Owner", cancelled.LastRun.Error);
        Assert.InRange(cancelled.LastRun.RowsRead, 100, SourceRows - 1);
        Assert.Equal(cancelled.LastRun.RowsInserted, cancelled.Rows);
        Assert.Single(await AuditAsync(tenant, "sync.cancelled"));
        await Assert.ThrowsAsync<ConflictException>(() => sync.CancelAsync(Owner));
    }

    [Fact]
    public async Task AScheduledSyncRunsByItselfAndTheScheduleKeepsThePlansMinimum()
    {
        var tenantId = await NewTenantAsync();
        var connection = await NewConnectionAsync(tenantId, Credentials);
        var sync = cluster.Client.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(tenantId, connection, Customers));
        var tooOften = await Assert.ThrowsAsync<InvalidInputException>(() => sync.ConfigureAsync(Owner, new SyncSettings("Customers", SyncMode.Full, SyncSchedule.Every(5))));
        Assert.StartsWith("schedule.everyMinutes: must be from 60", tooOften.Message);
        Assert.StartsWith("schedule.dailyAt:", (await Assert.ThrowsAsync<InvalidInputException>(() =>
            sync.ConfigureAsync(Owner, new SyncSettings("Customers", SyncMode.Full, new SyncSchedule(SyncScheduleKind.Daily))))).Message);
        await Assert.ThrowsAsync<NotFoundException>(() => sync.GetAsync());

        await sync.ConfigureAsync(Owner, new SyncSettings("Customers", SyncMode.Full, SyncSchedule.Every(60)));
        var ran = await Eventually.ReachesAsync(sync.GetAsync, s => s.LastRun is { Status: SyncRunStatus.Succeeded }, Patience, "the scheduled run");
        Assert.Equal(SyncTrigger.Schedule, ran.LastRun!.Trigger);
        Assert.Equal(ran.LastRun.StartedAt.AddMinutes(60), ran.NextRunAt);
        Assert.Equal(SourceRows, ran.Rows);

        var daily = await sync.ConfigureAsync(Owner, new SyncSettings("Customers", SyncMode.Incremental, SyncSchedule.Daily(new TimeOnly(2, 30))));
        Assert.Equal(new TimeOnly(2, 30), TimeOnly.FromDateTime(daily.NextRunAt!.Value.UtcDateTime));
        Assert.True(await HasTickReminderAsync(tenantId, connection, Customers));

        // A manual sync with nothing running needs no tick; scheduling it again brings the tick back.
        await sync.ConfigureAsync(Owner, new SyncSettings("Customers", SyncMode.Incremental, SyncSchedule.Manual));
        Assert.False(await HasTickReminderAsync(tenantId, connection, Customers));
        await sync.ConfigureAsync(Owner, new SyncSettings("Customers", SyncMode.Incremental, SyncSchedule.Every(120)));
        Assert.True(await HasTickReminderAsync(tenantId, connection, Customers));
    }

    [Fact]
    public async Task TheDatasetPagesBySortedKeysetsFiltersAndIsCappedByThePlan()
    {
        var (tenantId, connection, sync) = await NewSyncAsync(Customers, SyncMode.Full);
        await RunAsync(sync, null);

        var seen = new List<DatasetRow>();
        string? cursor = null;
        do
        {
            var page = await sync.ReadRowsAsync(new DatasetQuery(Limit: 170, Cursor: cursor, SortColumn: 3, Descending: true));
            Assert.Equal(["ID", "Company Name", "Email", "Balance", "Last Modified"], page.Columns.Select(c => c.Title));
            Assert.Equal(SourceRows, page.Matching);
            seen.AddRange(page.Rows);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(SourceRows, seen.Select(r => r.Id).Distinct().Count());
        var balances = seen.Select(r => decimal.Parse(r.Cells[3].Value!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(balances.OrderByDescending(b => b), balances);

        var filtered = await sync.ReadRowsAsync(new DatasetQuery(Limit: 50, Filter: "contact77@", FilterColumn: 2));
        Assert.Equal(77, Assert.Single(filtered.Rows).Id);
        Assert.Equal(1, filtered.Matching);
        Assert.Equal(-1, (await sync.ReadRowsAsync(new DatasetQuery(Limit: 50, Filter: "contact77@", FilterColumn: 2, CountMatching: false))).Matching);
        var anyColumn = await sync.ReadRowsAsync(new DatasetQuery(Limit: 50, Filter: "CUSTOMER-100"));
        Assert.Equal([100L, 1000L, 1001L, 1002L, 1003L, 1004L, 1005L, 1006L, 1007L, 1008L, 1009L], anyColumn.Rows.Select(r => r.Id));
        Assert.StartsWith("cursor:", (await Assert.ThrowsAsync<InvalidInputException>(() => sync.ReadRowsAsync(new DatasetQuery(Cursor: "not-a-cursor")))).Message);
        Assert.StartsWith("sort:", (await Assert.ThrowsAsync<InvalidInputException>(() => sync.ReadRowsAsync(new DatasetQuery(SortColumn: 9)))).Message);

        foreach (var search in new[] { "customsearch_a", "customsearch_b", "customsearch_c", "customsearch_d" })
        {
            await cluster.Client.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(tenantId, connection, search)).ConfigureAsync(Owner, new SyncSettings(search, SyncMode.Full, SyncSchedule.Manual));
        }

        var sixth = cluster.Client.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(tenantId, connection, "customsearch_e"));
        Assert.Contains("allows 5", (await Assert.ThrowsAsync<ConflictException>(() => sixth.ConfigureAsync(Owner, new SyncSettings("E", SyncMode.Full, SyncSchedule.Manual)))).Message);
        Assert.Equal(5, (await cluster.Client.GetGrain<INetSuiteDirectoryGrain>(tenantId.ToString("N")).ListSyncsAsync(null)).Count);

        await sync.RemoveAsync(Owner);
        await Assert.ThrowsAsync<NotFoundException>(() => sync.GetAsync());
        Assert.Equal(4, (await cluster.Client.GetGrain<INetSuiteDirectoryGrain>(tenantId.ToString("N")).ListSyncsAsync(connection)).Count);
        await sync.ConfigureAsync(Owner, new SyncSettings("Again", SyncMode.Full, SyncSchedule.Manual));
        Assert.Empty((await sync.ReadRowsAsync(new DatasetQuery())).Rows);
        Assert.Empty(await sync.ListRunsAsync(10));
    }

    [Fact]
    public async Task DeletingAConnectionRemovesItsSyncsAndTheirData()
    {
        var (tenantId, connection, sync) = await NewSyncAsync(Customers, SyncMode.Full);
        await RunAsync(sync, null);
        await cluster.Client.GetGrain<INetSuiteConnectionGrain>(ConnectionKey.Of(tenantId, connection)).DeleteAsync(Owner);

        await Assert.ThrowsAsync<NotFoundException>(() => sync.GetAsync());
        var directory = cluster.Client.GetGrain<INetSuiteDirectoryGrain>(tenantId.ToString("N"));
        Assert.Empty(await directory.ListSyncsAsync(null));
        Assert.Empty(await directory.ListConnectionsAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => cluster.Client.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(tenantId, connection, "customsearch_x"))
            .ConfigureAsync(Owner, new SyncSettings("X", SyncMode.Full, SyncSchedule.Manual)));
    }

    private async Task<SyncRunInfo> RunAsync(ISavedSearchSyncGrain sync, SyncMode? mode)
    {
        var started = await sync.RunNowAsync(Owner, mode);
        var done = await Eventually.ReachesAsync(sync.GetAsync, s => s.LastRun?.RunId == started.RunId, Patience, $"run {started.RunId} to finish");
        return done.LastRun!;
    }

    private async Task<(Guid TenantId, Guid ConnectionId, ISavedSearchSyncGrain Sync)> NewSyncAsync(string searchId, SyncMode mode)
    {
        var tenantId = await NewTenantAsync();
        var connection = await NewConnectionAsync(tenantId, Credentials);
        var sync = cluster.Client.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(tenantId, connection, searchId));
        var info = await sync.ConfigureAsync(Owner, new SyncSettings(searchId, mode, SyncSchedule.Manual));
        Assert.Equal(DatasetId.Of(connection, searchId), info.DatasetId);
        return (tenantId, connection, sync);
    }

    private async Task<Guid> NewTenantAsync()
    {
        var tenantId = Guid.NewGuid();
        await cluster.Client.GetGrain<ITenantGrain>(tenantId.ToString("N"))
            .RegisterAsync(new Registration("Sync Co", $"o-{Guid.NewGuid():N}@example.com", "Olive", "a long password", "UTC"));
        return tenantId;
    }

    private async Task<Guid> NewConnectionAsync(Guid tenantId, TbaCredentials credentials)
    {
        var connectionId = Guid.NewGuid();
        await cluster.Client.GetGrain<INetSuiteConnectionGrain>(ConnectionKey.Of(tenantId, connectionId)).CreateAsync(Owner, Settings(credentials));
        return connectionId;
    }

    private ConnectionSettings Settings(TbaCredentials c) =>
        new("Sandbox", Account, sandbox.RestletUrl, NetSuiteAuthMethod.Tba, new TbaSecrets(c.ConsumerKey, c.ConsumerSecret, c.TokenId, c.TokenSecret));

    private Task<List<long>> SourceIdsAsync(string recordType) =>
        Task.FromResult(sandbox.Catalog(Account).DataSets[recordType].Select(null, null, null).Page(0, int.MaxValue).ToList());

    private static async Task<List<long>> TargetIdsAsync(ISavedSearchSyncGrain sync) => (await AllRowsAsync(sync)).Select(r => r.Id).ToList();

    private static async Task<List<DatasetRow>> AllRowsAsync(ISavedSearchSyncGrain sync)
    {
        var rows = new List<DatasetRow>();
        string? cursor = null;
        do
        {
            var page = await sync.ReadRowsAsync(new DatasetQuery(Limit: 5000, Cursor: cursor));
            rows.AddRange(page.Rows);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return rows;
    }

    private async Task<bool> HasTickReminderAsync(Guid tenantId, Guid connectionId, string searchId)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = dataSource.CreateCommand("select count(*) from rt_reminders where grain_type = 'savedsearchsync' and grain_key = $1");
        command.Parameters.AddWithValue(SyncKey.Of(tenantId, connectionId, searchId));
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    private async Task<IReadOnlyList<AuditEvent>> AuditAsync(Guid tenantId, string action) =>
        (await cluster.Client.GetGrain<ITenantGrain>(tenantId.ToString("N")).QueryAuditAsync(new AuditQuery(null, action, null, null, null, null, 100))).Events
            .Where(e => e.Action == action).ToList();
}
