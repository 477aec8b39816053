using EcomOps.Runtime.Persistence;
using EcomOps.TestingHost;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EcomOps.Runtime.Tests;

public sealed class SchemaTests
{
    [Fact]
    public async Task MigrationsApplyOnceEvenWhenSilosStartTogether()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => migrator.ApplyAsync("runtime", typeof(SchemaMigrator).Assembly, "EcomOps.Runtime.Sql", CancellationToken.None)));
        await migrator.ApplyAsync("runtime", typeof(SchemaMigrator).Assembly, "EcomOps.Runtime.Sql", CancellationToken.None);

        await using var applied = dataSource.CreateCommand("select count(*) from schema_migrations where component = 'runtime'");
        Assert.Equal(1L, await applied.ExecuteScalarAsync());
        await using var tables = dataSource.CreateCommand(
            "select count(*) from information_schema.tables where table_name in ('rt_membership', 'rt_membership_version', 'rt_grain_state', 'rt_reminders')");
        Assert.Equal(4L, await tables.ExecuteScalarAsync());
    }
}
