using Npgsql;
using NpgsqlTypes;

namespace EcomOps.Runtime.Membership;

/// <summary>The membership rows of one cluster. Every status change bumps the cluster's version row in the same
/// transaction (compare-and-swap on the version read), and notifies listeners on commit.</summary>
internal sealed class MembershipTable(NpgsqlDataSource dataSource, string clusterId)
{
    public const string NotificationChannel = "rt_membership";

    public string ClusterId { get; } = clusterId;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public async Task<MembershipView> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("select version from rt_membership_version where cluster_id = $1") { Parameters = { Text(ClusterId) } },
                new NpgsqlBatchCommand(
                    "select address, port, generation, status, host_name, start_time, heartbeat_at, now() - heartbeat_at from rt_membership where cluster_id = $1 order by address, port, generation")
                {
                    Parameters = { Text(ClusterId) },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var version = await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0;
        await reader.NextResultAsync(cancellationToken);
        var silos = new List<SiloEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            silos.Add(new SiloEntry(
                new SiloAddress(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)),
                Enum.Parse<SiloStatus>(reader.GetString(3)),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetTimeSpan(7)));
        }

        return new MembershipView(version, silos);
    }

    /// <summary>Inserts or changes a silo's row under a compare-and-swap on the cluster version, retrying on a lost race.</summary>
    public async Task SetStatusAsync(SiloAddress silo, SiloStatus status, string hostName, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var version = await ReadVersionAsync(connection, transaction, cancellationToken);
            if (!await CompareAndSwapAsync(connection, transaction, version, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            await using (var upsert = new NpgsqlCommand(
                """
                insert into rt_membership (cluster_id, address, port, generation, status, host_name, start_time, heartbeat_at)
                values ($1, $2, $3, $4, $5, $6, now(), now())
                on conflict (cluster_id, address, port, generation) do update set status = excluded.status, heartbeat_at = now()
                """, connection, transaction))
            {
                upsert.Parameters.Add(Text(ClusterId));
                upsert.Parameters.Add(Text(silo.Host));
                upsert.Parameters.Add(new NpgsqlParameter { Value = silo.Port, NpgsqlDbType = NpgsqlDbType.Integer });
                upsert.Parameters.Add(new NpgsqlParameter { Value = silo.Generation, NpgsqlDbType = NpgsqlDbType.Bigint });
                upsert.Parameters.Add(Text(status.ToString()));
                upsert.Parameters.Add(Text(hostName));
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }

            await NotifyAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }
    }

    /// <summary>The IAmAlive write: not version-checked, as in Orleans. Returns the silo's status as stored, so a silo
    /// learns at once that others declared it dead.</summary>
    public async Task<SiloStatus?> HeartbeatAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "update rt_membership set heartbeat_at = now() where cluster_id = $1 and address = $2 and port = $3 and generation = $4 and status <> 'Dead' returning status");
        AddKey(command.Parameters, silo);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is string status ? Enum.Parse<SiloStatus>(status) : SiloStatus.Dead;
    }

    /// <summary>Declares a silo dead when its heartbeat, judged by the database's clock at the moment of the write,
    /// is older than <paramref name="deathTimeout"/>. Returns false when it was alive after all or already dead.</summary>
    public async Task<bool> DeclareDeadAsync(SiloAddress silo, TimeSpan deathTimeout, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var version = await ReadVersionAsync(connection, transaction, cancellationToken);
        int changed;
        await using (var command = new NpgsqlCommand(
            "update rt_membership set status = 'Dead' where cluster_id = $1 and address = $2 and port = $3 and generation = $4 and status <> 'Dead' and now() - heartbeat_at > $5",
            connection, transaction))
        {
            AddKey(command.Parameters, silo);
            command.Parameters.Add(new NpgsqlParameter { Value = deathTimeout, NpgsqlDbType = NpgsqlDbType.Interval });
            changed = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (changed == 0 || !await CompareAndSwapAsync(connection, transaction, version, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await NotifyAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes rows of silos dead for longer than <paramref name="age"/>, which Orleans' ADO.NET tables long lacked.</summary>
    public async Task<int> CleanUpDefunctAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "delete from rt_membership where cluster_id = $1 and status = 'Dead' and now() - heartbeat_at > $2");
        command.Parameters.Add(Text(ClusterId));
        command.Parameters.Add(new NpgsqlParameter { Value = age, NpgsqlDbType = NpgsqlDbType.Interval });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "insert into rt_membership_version (cluster_id, version) values ($1, 0) on conflict (cluster_id) do update set cluster_id = excluded.cluster_id returning version",
            connection, transaction);
        command.Parameters.Add(Text(ClusterId));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<bool> CompareAndSwapAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "update rt_membership_version set version = version + 1, updated_at = now() where cluster_id = $1 and version = $2", connection, transaction);
        command.Parameters.Add(Text(ClusterId));
        command.Parameters.Add(new NpgsqlParameter { Value = version, NpgsqlDbType = NpgsqlDbType.Bigint });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_notify($1, $2)", connection, transaction);
        command.Parameters.Add(Text(NotificationChannel));
        command.Parameters.Add(Text(ClusterId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void AddKey(NpgsqlParameterCollection parameters, SiloAddress silo)
    {
        parameters.Add(Text(ClusterId));
        parameters.Add(Text(silo.Host));
        parameters.Add(new NpgsqlParameter { Value = silo.Port, NpgsqlDbType = NpgsqlDbType.Integer });
        parameters.Add(new NpgsqlParameter { Value = silo.Generation, NpgsqlDbType = NpgsqlDbType.Bigint });
    }

    private static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };
}
