using System.Text.Json;
using EcomOps.Grains.Common;
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
        database.InTenantAsync(key.TenantId, (connection, transaction) => WritePageAsync(connection, transaction, key, runId, StagedRows.From(rows), cancellationToken), cancellationToken);

    /// <summary>The page write inside a caller's tenant transaction, so a sync can record its checkpoint with it.</summary>
    internal static async Task<PageWriteResult> WritePageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DatasetKey key, long runId, StagedRows rows, CancellationToken cancellationToken)
    {
        await using (var staging = new NpgsqlCommand(
            "create temp table if not exists ns_staging (internal_id bigint not null, values jsonb not null) on commit delete rows", connection, transaction))
        {
            await staging.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync("copy ns_staging (internal_id, values) from stdin (format binary)", cancellationToken))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(rows.Ids[i], NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(rows.Values[i], NpgsqlDbType.Jsonb, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        if (await InsertIntoEmptyRangeAsync(connection, transaction, key, runId, rows, cancellationToken) is { } inserted)
        {
            return new PageWriteResult(inserted, 0, 0);
        }

        // One pass of index lookups: inserts new rows, rewrites changed ones, marks unchanged ones seen, and tells
        // the three apart (xmax = 0 only on an insert; updated_at moves to this transaction's now() only on a change).
        await using var merge = new NpgsqlCommand(
            """
            with merged as (
                insert into ns_dataset_rows as r (tenant_id, connection_id, search_id, internal_id, values, seen_in_run)
                select $1, $2, $3, s.internal_id, s.values, $4 from ns_staging s
                on conflict (tenant_id, connection_id, search_id, internal_id) do update
                    set values = excluded.values, seen_in_run = excluded.seen_in_run,
                        updated_at = case when r.values is distinct from excluded.values then now() else r.updated_at end
                    where r.values is distinct from excluded.values or r.seen_in_run <> excluded.seen_in_run
                returning xmax = 0 as inserted, updated_at = now() as changed
            )
            select count(*) filter (where inserted), count(*) filter (where not inserted and changed), count(*) filter (where not inserted and not changed) from merged
            """, connection, transaction);
        AddKey(merge, key);
        merge.Parameters.Add(new NpgsqlParameter { Value = runId, NpgsqlDbType = NpgsqlDbType.Bigint });
        await using var reader = await merge.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PageWriteResult((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2));
    }

    /// <summary>A page whose internal ids fall where the dataset holds no row yet (a first sync, or records newer than
    /// any synced) goes in by a plain insert, which costs PostgreSQL a quarter less than the merge. Null when the range
    /// holds rows, or when a row appeared there meanwhile: the insert is then undone and the caller merges.</summary>
    private static async Task<int?> InsertIntoEmptyRangeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DatasetKey key, long runId, StagedRows rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var (first, last) = (rows.Ids[0], rows.Ids[^1]);
        for (var i = 1; i < rows.Count; i++)
        {
            if (rows.Ids[i] <= rows.Ids[i - 1])
            {
                return null;
            }
        }

        await using (var probe = new NpgsqlCommand(
            "select exists (select 1 from ns_dataset_rows where tenant_id = $1 and connection_id = $2 and search_id = $3 and internal_id between $4 and $5)",
            connection, transaction))
        {
            AddKey(probe, key);
            probe.Parameters.AddWithValue(first);
            probe.Parameters.AddWithValue(last);
            if ((bool)(await probe.ExecuteScalarAsync(cancellationToken))!)
            {
                return null;
            }
        }

        await transaction.SaveAsync("empty_range", cancellationToken);
        try
        {
            await using var insert = new NpgsqlCommand(
                """
                insert into ns_dataset_rows (tenant_id, connection_id, search_id, internal_id, values, seen_in_run)
                select $1, $2, $3, s.internal_id, s.values, $4 from ns_staging s
                """, connection, transaction);
            AddKey(insert, key);
            insert.Parameters.Add(new NpgsqlParameter { Value = runId, NpgsqlDbType = NpgsqlDbType.Bigint });
            var inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.ReleaseAsync("empty_range", cancellationToken);
            return inserted;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another writer committed rows in this range after the probe (an earlier owner of the run finishing a page).
            await transaction.RollbackAsync("empty_range", cancellationToken);
            return null;
        }
    }

    /// <summary>After a complete full sync: deletes the rows it did not see, which NetSuite no longer has.</summary>
    public Task<int> DeleteUnseenAsync(DatasetKey key, long runId, CancellationToken cancellationToken) =>
        database.InTenantAsync(key.TenantId, (connection, transaction) => DeleteUnseenAsync(connection, transaction, key, runId, cancellationToken), cancellationToken);

    internal static async Task<int> DeleteUnseenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DatasetKey key, long runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "delete from ns_dataset_rows where tenant_id = $1 and connection_id = $2 and search_id = $3 and seen_in_run <> $4", connection, transaction);
        AddKey(command, key);
        command.Parameters.Add(new NpgsqlParameter { Value = runId, NpgsqlDbType = NpgsqlDbType.Bigint });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Removes a search's rows and columns, when its sync is removed.</summary>
    internal static async Task DeleteAllAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DatasetKey key, CancellationToken cancellationToken)
    {
        foreach (var table in new[] { "ns_dataset_rows", "ns_dataset_columns" })
        {
            await using var command = new NpgsqlCommand($"delete from {table} where tenant_id = $1 and connection_id = $2 and search_id = $3", connection, transaction);
            AddKey(command, key);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public Task<long> CountAsync(DatasetKey key, CancellationToken cancellationToken) =>
        database.InTenantAsync(key.TenantId, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("select count(*) from ns_dataset_rows where tenant_id = $1 and connection_id = $2 and search_id = $3", connection, transaction);
            AddKey(command, key);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);

    /// <summary>A page for browsing: sorted by a column (numerically when NetSuite types it as a number) or by internal
    /// id, filtered by text in one column or any, continued from a cursor. Every order ends in the internal id, so
    /// keyset paging never skips or repeats a row.</summary>
    public Task<DatasetPage> QueryAsync(DatasetKey key, DatasetQuery query, long? knownRows, CancellationToken cancellationToken) =>
        database.InTenantAsync(key.TenantId, async (connection, transaction) =>
        {
            var columns = await ReadColumnsAsync(connection, transaction, key, cancellationToken);
            if (query.SortColumn is { } sort && (sort < 0 || sort >= columns.Count))
            {
                throw InvalidInputException.For("sort", $"must be a column index from 0 to {columns.Count - 1}.");
            }

            if (query.FilterColumn is { } filterColumn && (filterColumn < 0 || filterColumn >= columns.Count))
            {
                throw InvalidInputException.For("filterColumn", $"must be a column index from 0 to {columns.Count - 1}.");
            }

            var limit = Math.Clamp(query.Limit, 1, 5000);
            var cursor = DatasetCursor.Decode(query.Cursor);
            var numeric = query.SortColumn is { } s && columns[s].Type is "currency" or "currency2" or "float" or "integer" or "percent" or "poscurrency" or "posfloat" or "posinteger";
            var sortExpression = query.SortColumn is { } index
                ? numeric
                    ? $"coalesce(case when values->{index}->>'value' ~ '^-?[0-9]+(\\.[0-9]+)?$' then (values->{index}->>'value')::numeric end, '-Infinity'::numeric)"
                    : $"coalesce(values->{index}->>'value', '')"
                : null;
            var filter = string.IsNullOrWhiteSpace(query.Filter) ? null : "%" + query.Filter.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            var filterExpression = filter is null
                ? "true"
                : query.FilterColumn is { } fc
                    ? $"(values->{fc}->>'value' ilike $4 or values->{fc}->>'text' ilike $4)"
                    : "exists (select 1 from jsonb_array_elements(values) cell where cell->>'value' ilike $4 or cell->>'text' ilike $4)";
            var direction = query.Descending ? "desc" : "asc";
            var comparison = query.Descending ? "<" : ">";
            var keyset = cursor is null
                ? "true"
                : sortExpression is null
                    ? $"internal_id {comparison} $5"
                    : $"({sortExpression}, internal_id) {comparison} ($6::{(numeric ? "numeric" : "text")}, $5)";

            await using var command = new NpgsqlCommand(
                $"""
                select internal_id, values::text{(sortExpression is null ? "" : $", ({sortExpression})::text")} from ns_dataset_rows
                where tenant_id = $1 and connection_id = $2 and search_id = $3 and {filterExpression} and {keyset}
                order by {(sortExpression is null ? "" : $"{sortExpression} {direction}, ")}internal_id {direction}
                limit {limit + 1}
                """, connection, transaction);
            AddKey(command, key);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = cursor?.Id ?? 0, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)cursor?.SortValue ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            var rows = new List<DatasetRow>(limit);
            string? lastSortValue = null;
            var more = false;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (rows.Count == limit)
                    {
                        more = true;
                        break;
                    }

                    var cells = JsonSerializer.Deserialize<List<DatasetCell>>(reader.GetString(1), RestletJson.Options) ?? [];
                    rows.Add(new DatasetRow(reader.GetInt64(0), cells));
                    lastSortValue = sortExpression is null ? null : reader.GetString(2);
                }
            }

            long matching;
            if (filter is null && knownRows is { } known)
            {
                matching = known;
            }
            else if (!query.CountMatching)
            {
                matching = -1;
            }
            else
            {
                await using var count = new NpgsqlCommand(
                    $"select count(*) from ns_dataset_rows where tenant_id = $1 and connection_id = $2 and search_id = $3 and {filterExpression}", connection, transaction);
                AddKey(count, key);
                count.Parameters.Add(new NpgsqlParameter { Value = (object?)filter ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                matching = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            }

            return new DatasetPage(columns, rows, more ? new DatasetCursor(lastSortValue, rows[^1].Id).Encode() : null, matching);
        }, cancellationToken);

    private static async Task<IReadOnlyList<DatasetColumn>> ReadColumnsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DatasetKey key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select columns::text from ns_dataset_columns where tenant_id = $1 and connection_id = $2 and search_id = $3", connection, transaction);
        AddKey(command, key);
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<List<DatasetColumn>>(json, RestletJson.Options) ?? []
            : [];
    }

    internal static void AddKey(NpgsqlCommand command, DatasetKey key)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = key.TenantId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = key.ConnectionId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = key.SearchId, NpgsqlDbType = NpgsqlDbType.Text });
    }
}
