using EcomOps.Grains.NetSuite;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime.Persistence;
using EcomOps.TestingHost;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EcomOps.Grains.Tests.NetSuite;

public sealed class DatasetStoreTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private NpgsqlDataSource appRole = null!;
    private DatasetStore store = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await using (var owner = NpgsqlDataSource.Create(database.ConnectionString))
        {
            var migrator = new SchemaMigrator(owner, NullLogger<SchemaMigrator>.Instance);
            await migrator.ApplyAsync("tenancy", typeof(DatasetStore).Assembly, "EcomOps.Grains.Tenancy.Sql", default);
            await migrator.ApplyAsync("netsuite", typeof(DatasetStore).Assembly, "EcomOps.Grains.NetSuite.Sql", default);
        }

        appRole = NpgsqlDataSource.Create(AppRoleConnection.For(null, database.ConnectionString));
        store = new DatasetStore(new TenancyDatabase(appRole));
    }

    public async Task DisposeAsync()
    {
        await appRole.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task InsertsNewRowsUpdatesChangedOnesAndCountsBoth()
    {
        var key = new DatasetKey(Guid.NewGuid(), Guid.NewGuid(), "customsearch_orders");
        Assert.Equal(new PageWriteResult(3, 0, 0), await store.WritePageAsync(key, 1, [Row(3, "c"), Row(1, "a"), Row(2, "b")], default));
        Assert.Equal(new PageWriteResult(0, 1, 2), await store.WritePageAsync(key, 2, [Row(1, "a"), Row(2, "B!"), Row(3, "c")], default));

        var rows = (await store.QueryAsync(key, new DatasetQuery(10), null, default)).Rows;
        Assert.Equal([1L, 2, 3], rows.Select(r => r.Id));
        Assert.Equal("B!", rows[1].Cells[0].Value);
        var first = await store.QueryAsync(key, new DatasetQuery(2), null, default);
        Assert.Equal([1L, 2], first.Rows.Select(r => r.Id));
        Assert.Equal([3L], (await store.QueryAsync(key, new DatasetQuery(2, first.NextCursor), null, default)).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task PagesBesideAndAcrossTheRowsAlreadyThereAreCountedAlike()
    {
        var key = new DatasetKey(Guid.NewGuid(), Guid.NewGuid(), "customsearch_orders");
        Assert.Equal(new PageWriteResult(3, 0, 0), await store.WritePageAsync(key, 1, [Row(1, "a"), Row(2, "b"), Row(3, "c")], default));

        // Newer records past every synced one, then a page across both, then ids out of order in an empty range.
        Assert.Equal(new PageWriteResult(2, 0, 0), await store.WritePageAsync(key, 2, [Row(4, "d"), Row(5, "e")], default));
        Assert.Equal(new PageWriteResult(1, 1, 1), await store.WritePageAsync(key, 3, [Row(3, "c"), Row(5, "E!"), Row(6, "f")], default));
        Assert.Equal(new PageWriteResult(2, 0, 0), await store.WritePageAsync(key, 4, [Row(9, "i"), Row(8, "h")], default));
        Assert.Equal(new PageWriteResult(0, 0, 0), await store.WritePageAsync(key, 5, [], default));

        var rows = (await store.QueryAsync(key, new DatasetQuery(10), null, default)).Rows;
        Assert.Equal([1L, 2, 3, 4, 5, 6, 8, 9], rows.Select(r => r.Id));
        Assert.Equal("E!", rows[4].Cells[0].Value);
    }

    [Fact]
    public async Task ARowCommittedInAnEmptyRangeWhileAPageGoesInIsMergedNotDuplicated()
    {
        var key = new DatasetKey(Guid.NewGuid(), Guid.NewGuid(), "customsearch_orders");
        await using var other = await appRole.OpenConnectionAsync();
        await using var otherTransaction = await other.BeginTransactionAsync();
        await using (var scope = new NpgsqlCommand("select set_config('app.tenant_id', $1, true)", other, otherTransaction))
        {
            scope.Parameters.AddWithValue(key.TenantId.ToString());
            await scope.ExecuteNonQueryAsync();
        }

        await using (var insert = new NpgsqlCommand(
            "insert into ns_dataset_rows (tenant_id, connection_id, search_id, internal_id, values, seen_in_run) values ($1, $2, $3, 5, '[{\"value\":\"old\"}]', 1)",
            other, otherTransaction))
        {
            insert.Parameters.AddWithValue(key.TenantId);
            insert.Parameters.AddWithValue(key.ConnectionId);
            insert.Parameters.AddWithValue(key.SearchId);
            await insert.ExecuteNonQueryAsync();
        }

        // The page's probe cannot see the uncommitted row; its insert then waits on it.
        var write = store.WritePageAsync(key, 2, Enumerable.Range(1, 10).Select(i => Row(i, "v")).ToList(), default);
        await Eventually.ReachesAsync(WaitingOnALockAsync, waiting => waiting, TimeSpan.FromSeconds(10), "the page to wait on the other row");
        await otherTransaction.CommitAsync();

        Assert.Equal(new PageWriteResult(9, 1, 0), await write);
        var rows = (await store.QueryAsync(key, new DatasetQuery(20), null, default)).Rows;
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), rows.Select(r => r.Id));
        Assert.All(rows, r => Assert.Equal("v", r.Cells[0].Value));
    }

    [Fact]
    public async Task AFullSyncDeletesTheRowsItDidNotSee()
    {
        var key = new DatasetKey(Guid.NewGuid(), Guid.NewGuid(), "customsearch_customers");
        await store.WritePageAsync(key, 1, Enumerable.Range(1, 5).Select(i => Row(i, "v")).ToList(), default);
        await store.WritePageAsync(key, 2, [Row(1, "v"), Row(2, "v")], default);
        await store.WritePageAsync(key, 2, [Row(4, "v")], default);

        Assert.Equal(2, await store.DeleteUnseenAsync(key, 2, default));
        Assert.Equal([1L, 2, 4], await IdsAsync(key));
    }

    [Fact]
    public async Task APageIsWrittenWholeOrNotAtAll()
    {
        var key = new DatasetKey(Guid.NewGuid(), Guid.NewGuid(), "customsearch_orders");
        var bad = new RestletRow(null, [new RestletValue("x", null)]);
        await Assert.ThrowsAsync<InvalidDataException>(() => store.WritePageAsync(key, 1, [Row(1, "a"), bad], default));
        Assert.Empty(await IdsAsync(key));
    }

    [Fact]
    public async Task AnotherTenantSeesNothing()
    {
        var key = new DatasetKey(Guid.NewGuid(), Guid.NewGuid(), "customsearch_orders");
        await store.SaveColumnsAsync(key, [new RestletColumn("tranid", null, null, "Document Number", "text")], default);
        await store.WritePageAsync(key, 1, [Row(1, "a")], default);
        Assert.Empty(await IdsAsync(key with { TenantId = Guid.NewGuid() }));

        await using var unscoped = appRole.CreateCommand("select (select count(*) from ns_dataset_rows) + (select count(*) from ns_dataset_columns)");
        Assert.Equal(0L, await unscoped.ExecuteScalarAsync());
    }

    private async Task<bool> WaitingOnALockAsync()
    {
        await using var owner = NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = owner.CreateCommand(
            "select exists (select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like 'insert into ns_dataset_rows%')");
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private async Task<IEnumerable<long>> IdsAsync(DatasetKey key) => (await store.QueryAsync(key, new DatasetQuery(10), null, default)).Rows.Select(r => r.Id);

    private static RestletRow Row(long id, string value) => new(id.ToString(System.Globalization.CultureInfo.InvariantCulture), [new RestletValue(value, null)]);
}
