using EcomOps.Grains.Common;
using EcomOps.Grains.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace EcomOps.Grains.NetSuite;

/// <summary>The run history of syncs, and each running run's checkpoint. A page's rows and the checkpoint that
/// follows them commit in one transaction, and only while the run still belongs to the caller's
/// <c>owner</c> token: a new owner takes a run over by replacing the token, after which nothing the old one does
/// lands.</summary>
public sealed class SyncRunStore(TenancyDatabase database)
{
    private const string Columns =
        "run_id, trigger, mode, status, started_at, finished_at, rows_read, rows_inserted, rows_updated, rows_deleted, pages, page_count, retries, resumes, error, after_id, modified_after";

    /// <summary>Starts a run; runs left "running" by an owner that vanished before recording anything are closed first.</summary>
    internal Task<SyncCheckpoint> StartAsync(DatasetKey key, Guid owner, SyncTrigger trigger, SyncMode mode, DateTimeOffset? modifiedAfter, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTenantAsync(key.TenantId, async (connection, transaction) =>
        {
            await using (var orphans = new NpgsqlCommand(
                $"update ns_sync_runs set status = 'Failed', finished_at = $4, error = 'Interrupted: the silo running it stopped before it could resume.' where {Where} and status = 'Running'",
                connection, transaction))
            {
                DatasetStore.AddKey(orphans, key);
                orphans.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                await orphans.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var insert = new NpgsqlCommand(
                $"""
                insert into ns_sync_runs (tenant_id, connection_id, search_id, trigger, mode, status, started_at, modified_after, owner)
                values ($1, $2, $3, $4, $5, 'Running', $6, $7, $8) returning {Columns}
                """, connection, transaction);
            DatasetStore.AddKey(insert, key);
            insert.Parameters.AddWithValue(trigger.ToString());
            insert.Parameters.AddWithValue(mode.ToString());
            insert.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)modifiedAfter ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            insert.Parameters.AddWithValue(owner);
            return (await ReadAsync(insert, cancellationToken)).Single();
        }, cancellationToken);

    /// <summary>Makes <paramref name="owner"/> the run's owner and returns its checkpoint; a run still running counts
    /// one more resume. Null when the run is not recorded at all.</summary>
    internal Task<SyncCheckpoint?> TakeOverAsync(DatasetKey key, long runId, Guid owner, CancellationToken cancellationToken) =>
        database.InTenantAsync(key.TenantId, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(
                $"""
                update ns_sync_runs set owner = $5, resumes = resumes + case when status = 'Running' then 1 else 0 end
                where {Where} and run_id = $4 returning {Columns}
                """, connection, transaction);
            DatasetStore.AddKey(command, key);
            command.Parameters.AddWithValue(runId);
            command.Parameters.AddWithValue(owner);
            return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
        }, cancellationToken);

    /// <summary>Writes a page of rows and advances the checkpoint past it, together. The rows go in while
    /// <paramref name="previous"/> (the commit of the page before) may still be running, so two pages' writes overlap
    /// in the database; the checkpoint moves only after that commit succeeded, so it never runs ahead of a page that
    /// is not there. Throws <see cref="SyncOwnershipLostException"/> (and writes nothing) when the run no longer belongs
    /// to <paramref name="owner"/>.</summary>
    internal Task<SyncCheckpoint> CommitPageAsync(DatasetKey key, long runId, Guid owner, StagedRows rows, int pages, int pageCount, int retries, Task? previous, CancellationToken cancellationToken) =>
        database.InTenantAsync(key.TenantId, async (connection, transaction) =>
        {
            var written = rows.Count == 0 ? new PageWriteResult(0, 0, 0) : await DatasetStore.WritePageAsync(connection, transaction, key, runId, rows, cancellationToken);
            if (previous is not null)
            {
                await previous;
            }

            await ClaimAsync(connection, transaction, key, runId, owner, cancellationToken);
            await using var command = new NpgsqlCommand(
                $"""
                update ns_sync_runs set rows_read = rows_read + $6, rows_inserted = rows_inserted + $7, rows_updated = rows_updated + $8,
                    pages = pages + $9, page_count = $10, retries = retries + $11, after_id = coalesce($12, after_id)
                where {Where} and run_id = $4 and owner = $5 returning {Columns}
                """, connection, transaction);
            DatasetStore.AddKey(command, key);
            command.Parameters.AddWithValue(runId);
            command.Parameters.AddWithValue(owner);
            command.Parameters.AddWithValue((long)rows.Count);
            command.Parameters.AddWithValue((long)written.Inserted);
            command.Parameters.AddWithValue((long)written.Updated);
            command.Parameters.AddWithValue(pages);
            command.Parameters.AddWithValue(pageCount);
            command.Parameters.AddWithValue(retries);
            command.Parameters.Add(new NpgsqlParameter { Value = rows.Count == 0 ? DBNull.Value : rows.Ids[^1], NpgsqlDbType = NpgsqlDbType.Bigint });
            return (await ReadAsync(command, cancellationToken)).Single();
        }, cancellationToken);

    /// <summary>Ends a run. A full run that succeeded deletes the rows it did not see, in the same transaction, so
    /// the dataset never shows a half-applied deletion. Keeps the newest <paramref name="keepRuns"/> runs.</summary>
    internal Task<SyncCheckpoint> FinishAsync(DatasetKey key, long runId, Guid owner, SyncRunStatus status, string? error, bool deleteUnseen, DateTimeOffset now, int keepRuns, SyncAudit? audit, CancellationToken cancellationToken) =>
        database.InTenantAsync(key.TenantId, async (connection, transaction) =>
        {
            await ClaimAsync(connection, transaction, key, runId, owner, cancellationToken);
            var deleted = deleteUnseen ? await DatasetStore.DeleteUnseenAsync(connection, transaction, key, runId, cancellationToken) : 0;
            await using (var prune = new NpgsqlCommand(
                $"delete from ns_sync_runs where {Where} and run_id < (select run_id from ns_sync_runs where {Where} order by run_id desc offset $4 limit 1)", connection, transaction))
            {
                DatasetStore.AddKey(prune, key);
                prune.Parameters.AddWithValue(keepRuns - 1);
                await prune.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var command = new NpgsqlCommand(
                $"""
                update ns_sync_runs set status = $6, error = $7, rows_deleted = $8, finished_at = $9
                where {Where} and run_id = $4 and owner = $5 returning {Columns}
                """, connection, transaction);
            DatasetStore.AddKey(command, key);
            command.Parameters.AddWithValue(runId);
            command.Parameters.AddWithValue(owner);
            command.Parameters.AddWithValue(status.ToString());
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.AddWithValue((long)deleted);
            command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            var finished = (await ReadAsync(command, cancellationToken)).Single();
            if (audit is not null)
            {
                await AuditWriter.AppendAsync(connection, transaction, key.TenantId, Actor.System, audit.Action, audit.Target, status == SyncRunStatus.Succeeded ? "succeeded" : "failed", audit.Details);
            }

            return finished;
        }, cancellationToken);

    public Task<IReadOnlyList<SyncRunInfo>> ListAsync(DatasetKey key, int limit, CancellationToken cancellationToken) =>
        database.InTenantAsync<IReadOnlyList<SyncRunInfo>>(key.TenantId, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand($"select {Columns} from ns_sync_runs where {Where} order by run_id desc limit $4", connection, transaction);
            DatasetStore.AddKey(command, key);
            command.Parameters.AddWithValue(Math.Clamp(limit, 1, 500));
            return (await ReadAsync(command, cancellationToken)).Select(c => c.Info).ToList();
        }, cancellationToken);

    private const string Where = "tenant_id = $1 and connection_id = $2 and search_id = $3";

    /// <summary>Locks the run's row for this transaction and checks the caller still owns it and it still runs.</summary>
    private static async Task ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DatasetKey key, long runId, Guid owner, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select owner = $5 and status = 'Running' from ns_sync_runs where {Where} and run_id = $4 for update", connection, transaction);
        DatasetStore.AddKey(command, key);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(owner);
        if (await command.ExecuteScalarAsync(cancellationToken) is not true)
        {
            throw new SyncOwnershipLostException(runId);
        }
    }

    private static async Task<List<SyncCheckpoint>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var result = new List<SyncCheckpoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var info = new SyncRunInfo(
                reader.GetInt64(0),
                Enum.Parse<SyncTrigger>(reader.GetString(1)),
                Enum.Parse<SyncMode>(reader.GetString(2)),
                Enum.Parse<SyncRunStatus>(reader.GetString(3)),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetInt64(8),
                reader.GetInt64(9),
                reader.GetInt32(10),
                reader.IsDBNull(11) ? null : reader.GetInt32(11),
                reader.GetInt32(12),
                reader.GetInt32(13),
                reader.IsDBNull(14) ? null : reader.GetString(14));
            result.Add(new SyncCheckpoint(info, reader.IsDBNull(15) ? null : reader.GetInt64(15), reader.IsDBNull(16) ? null : reader.GetFieldValue<DateTimeOffset>(16)));
        }

        return result;
    }
}
