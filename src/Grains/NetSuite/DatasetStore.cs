using System.Text.Json;
using EcomOps.Grains.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace EcomOps.Grains.NetSuite;

/// <summary>Synced saved-search rows in PostgreSQL. A page goes in by binary COPY into a transaction-local staging
/// table and is merged from there in three set statements, all in one transaction: a crash leaves either the whole
/// page or none of it.</summary>
public sealed class DatasetStore(TenancyDatabase database)
{
    public Task SaveColumnsAsync(DatasetKey key, IReadOnlyList<RestletColumn> columns, CancellationToken cancellationToken) =>
        database.InTenantAsync(key.TenantId, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(
                """
                insert into ns_dataset_columns (tenant_id, connection_id, search_id, columns) values ($1, $2, $3, $4)
                on conflict (tenant_id, connection_id, search_id) do update set columns = excluded.columns, updated_at = now()
                """, connection, transaction);
            AddKey(command, key);
            command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(columns, RestletJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Inserts new rows, updates changed ones, and marks every row of the page as seen in <paramref name="runId"/>.</summary>
    public Task<PageWriteResult> WritePageAsync(DatasetKey key, long runId, IReadOnlyList<RestletRow> rows, CancellationToken cancellationToken) =>
        database.InTenantAsync(key.TenantId, async (connection, transaction) =>
        {
            await using (var staging = new NpgsqlCommand(
                "create temp table if not exists ns_staging (internal_id bigint primary key, values jsonb not null) on commit delete rows", connection, transaction))
            {
                await staging.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var copy = await connection.BeginBinaryImportAsync("copy ns_staging (internal_id, values) from stdin (format binary)", cancellationToken))
            {
                foreach (var row in rows)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(long.Parse(row.Id ?? throw new InvalidDataException("A summary search row has no internal id and cannot be synced by id."), System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync(JsonSerializer.Serialize(row.Values, RestletJson.Options), NpgsqlDbType.Jsonb, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            var inserted = await ExecuteAsync(
                """
                insert into ns_dataset_rows (tenant_id, connection_id, search_id, internal_id, values, seen_in_run)
                select $1, $2, $3, s.internal_id, s.values, $4 from ns_staging s
                on conflict (tenant_id, connection_id, search_id, internal_id) do nothing
                """);
            var updated = await ExecuteAsync(
                """
                update ns_dataset_rows r set values = s.values, seen_in_run = $4, updated_at = now() from ns_staging s
                where r.tenant_id = $1 and r.connection_id = $2 and r.search_id = $3 and r.internal_id = s.internal_id
                  and r.values is distinct from s.values
                """);
            var unchanged = await ExecuteAsync(
                """
                update ns_dataset_rows r set seen_in_run = $4 from ns_staging s
                where r.tenant_id = $1 and r.connection_id = $2 and r.search_id = $3 and r.internal_id = s.internal_id and r.seen_in_run <> $4
                """);
            return new PageWriteResult(inserted, updated, unchanged);

            async Task<int> ExecuteAsync(string sql)
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                AddKey(command, key);
                command.Parameters.Add(new NpgsqlParameter { Value = runId, NpgsqlDbType = NpgsqlDbType.Bigint });
                return await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }, cancellationToken);

    /// <summary>After a complete full sync: deletes the rows it did not see, which NetSuite no longer has.</summary>
    public Task<int> DeleteUnseenAsync(DatasetKey key, long runId, CancellationToken cancellationToken) =>
        database.InTenantAsync(key.TenantId, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(
                "delete from ns_dataset_rows where tenant_id = $1 and connection_id = $2 and search_id = $3 and seen_in_run <> $4", connection, transaction);
            AddKey(command, key);
            command.Parameters.Add(new NpgsqlParameter { Value = runId, NpgsqlDbType = NpgsqlDbType.Bigint });
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Rows in internal-id order after <paramref name="afterId"/> (keyset paging).</summary>
    public Task<IReadOnlyList<(long Id, string Values)>> ReadAsync(DatasetKey key, long? afterId, int limit, CancellationToken cancellationToken) =>
        database.InTenantAsync<IReadOnlyList<(long, string)>>(key.TenantId, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(
                "select internal_id, values::text from ns_dataset_rows where tenant_id = $1 and connection_id = $2 and search_id = $3 and internal_id > $4 order by internal_id limit $5",
                connection, transaction);
            AddKey(command, key);
            command.Parameters.Add(new NpgsqlParameter { Value = afterId ?? long.MinValue, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(limit, 1, 10_000), NpgsqlDbType = NpgsqlDbType.Integer });
            var rows = new List<(long, string)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1)));
            }

            return rows;
        }, cancellationToken);

    private static void AddKey(NpgsqlCommand command, DatasetKey key)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = key.TenantId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = key.ConnectionId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = key.SearchId, NpgsqlDbType = NpgsqlDbType.Text });
    }
}
