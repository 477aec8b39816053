using Npgsql;
using NpgsqlTypes;

namespace EcomOps.Runtime.Reminders;

/// <summary>Reminder definitions in <c>rt_reminders</c>. Only schedules are stored, as in Orleans; unlike Orleans,
/// a tick is claimed before delivery and the schedule advances only after it, so no tick is lost to a crash.</summary>
internal sealed class ReminderRegistry(NpgsqlDataSource dataSource, string serviceId, TimeSpan minimumPeriod)
{
    private const string Key = "service_id = $1 and grain_type = $2 and grain_key = $3 and name = $4";

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grain, string name, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (period < minimumPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"Reminder '{name}' of grain {grain}: the period must be at least {minimumPeriod}; use a grain timer for shorter periods.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        await using var command = dataSource.CreateCommand(
            """
            insert into rt_reminders (service_id, grain_type, grain_key, name, period_ms, first_due, next_due, version)
            values ($1, $2, $3, $4, $5, now() + $6, now() + $6, 1)
            on conflict (service_id, grain_type, grain_key, name) do update
            set period_ms = excluded.period_ms, first_due = excluded.first_due, next_due = excluded.next_due, claimed_until = null, version = rt_reminders.version + 1
            returning next_due
            """);
        AddKey(command.Parameters, grain, name);
        command.Parameters.Add(new NpgsqlParameter { Value = (long)period.TotalMilliseconds, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = dueTime, NpgsqlDbType = NpgsqlDbType.Interval });
        var nextDue = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new GrainReminder(name, period, new DateTimeOffset(nextDue, TimeSpan.Zero));
    }

    public async Task UnregisterAsync(GrainId grain, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"delete from rt_reminders where {Key}");
        AddKey(command.Parameters, grain, name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grain, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select name, period_ms, next_due from rt_reminders where {Key}");
        AddKey(command.Parameters, grain, name);
        var list = await ReadRemindersAsync(command, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<IGrainReminder>> ListAsync(GrainId grain, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select name, period_ms, next_due from rt_reminders where service_id = $1 and grain_type = $2 and grain_key = $3 order by name");
        command.Parameters.Add(Text(serviceId));
        command.Parameters.Add(Text(grain.Type));
        command.Parameters.Add(Text(grain.Key));
        return await ReadRemindersAsync(command, cancellationToken);
    }

    /// <summary>Ticks due now (or within <paramref name="horizon"/>, for introspection) that no silo is delivering.</summary>
    public async Task<IReadOnlyList<DueReminder>> ReadDueAsync(TimeSpan horizon, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select grain_type, grain_key, name, period_ms, first_due, next_due, version, now() from rt_reminders
            where service_id = $1 and next_due <= now() + $2 and (claimed_until is null or claimed_until < now())
            order by next_due limit $3
            """);
        command.Parameters.Add(Text(serviceId));
        command.Parameters.Add(new NpgsqlParameter { Value = horizon, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        var due = new List<DueReminder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueReminder(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetInt64(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return due;
    }

    /// <summary>Claims a due tick for delivery until the lease ends, and counts the ticks it coalesces as of the claim;
    /// null when another silo claimed it first or the grain changed the reminder meanwhile.</summary>
    public async Task<DueReminder?> TryClaimAsync(DueReminder reminder, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"update rt_reminders set claimed_until = now() + $6, version = version + 1 where {Key} and version = $5 returning version, now()");
        AddKey(command.Parameters, reminder.Grain, reminder.Name);
        command.Parameters.Add(new NpgsqlParameter { Value = reminder.Version, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = lease, NpgsqlDbType = NpgsqlDbType.Interval });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return reminder with { Version = reader.GetInt64(0), Now = reader.GetFieldValue<DateTimeOffset>(1) };
    }

    /// <summary>Records a delivered tick: the next one falls due a period after the latest due time it covered, so
    /// ticks that fell due while it was being delivered are counted into the next delivery, never skipped.</summary>
    public async Task CompleteAsync(DueReminder claimed, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"update rt_reminders set next_due = $6, last_fired = now(), claimed_until = null, version = version + 1 where {Key} and version = $5");
        AddKey(command.Parameters, claimed.Grain, claimed.Name);
        command.Parameters.Add(new NpgsqlParameter { Value = claimed.Version, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = claimed.CurrentTickTime + claimed.Period, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Gives a claimed tick back after a failed delivery, to be tried again after <paramref name="retryAfter"/>.</summary>
    public async Task ReleaseAsync(DueReminder claimed, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"update rt_reminders set claimed_until = now() + $6, version = version + 1 where {Key} and version = $5");
        AddKey(command.Parameters, claimed.Grain, claimed.Name);
        command.Parameters.Add(new NpgsqlParameter { Value = claimed.Version, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = retryAfter, NpgsqlDbType = NpgsqlDbType.Interval });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<IGrainReminder>> ReadRemindersAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<IGrainReminder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new GrainReminder(reader.GetString(0), TimeSpan.FromMilliseconds(reader.GetInt64(1)), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return list;
    }

    private void AddKey(NpgsqlParameterCollection parameters, GrainId grain, string name)
    {
        parameters.Add(Text(serviceId));
        parameters.Add(Text(grain.Type));
        parameters.Add(Text(grain.Key));
        parameters.Add(Text(name));
    }

    private static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };
}
