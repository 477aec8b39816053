using Npgsql;
using NpgsqlTypes;

namespace EcomOps.Runtime.Persistence;

/// <summary>Grain state in <c>rt_grain_state</c> as jsonb, with a version number as etag: a write only lands when
/// the stored version is the one the activation read, the same contract as Orleans' ADO.NET provider.</summary>
internal sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, string serviceId) : IGrainStorage
{
    private const string ReadSql =
        "select payload::text, version from rt_grain_state where service_id = $1 and grain_type = $2 and grain_key = $3 and state_name = $4";

    private const string InsertSql =
        "insert into rt_grain_state (service_id, grain_type, grain_key, state_name, payload, version) values ($1, $2, $3, $4, $5, 1) on conflict do nothing returning version";

    private const string UpdateSql =
        "update rt_grain_state set payload = $5, version = version + 1, updated_at = now() where service_id = $1 and grain_type = $2 and grain_key = $3 and state_name = $4 and version = $6 returning version";

    public async Task<StoredState> ReadAsync(GrainId grain, string stateName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        AddKey(command, grain, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new StoredState(null, null);
        }

        var payload = reader.IsDBNull(0) ? null : reader.GetString(0);
        return new StoredState(payload, Etag(reader.GetInt64(1)));
    }

    public async Task<string> WriteAsync(GrainId grain, string stateName, string payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        var version = await WriteVersionAsync(grain, stateName, payload, expectedEtag, cancellationToken);
        return Etag(version);
    }

    public async Task<string?> ClearAsync(GrainId grain, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (expectedEtag is null)
        {
            // Nothing was ever stored by this activation; a record that appeared meanwhile is a conflict.
            var current = await ReadAsync(grain, stateName, cancellationToken);
            if (current.Etag is not null)
            {
                throw Conflict(grain, stateName, current.Etag, expectedEtag);
            }

            return null;
        }

        return Etag(await WriteVersionAsync(grain, stateName, null, expectedEtag, cancellationToken));
    }

    private async Task<long> WriteVersionAsync(GrainId grain, string stateName, string? payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(expectedEtag is null ? InsertSql : UpdateSql);
        AddKey(command, grain, stateName);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)payload ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
        if (expectedEtag is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ParseEtag(expectedEtag), NpgsqlDbType = NpgsqlDbType.Bigint });
        }

        var result = await command.ExecuteScalarAsync(cancellationToken);
        if (result is long version)
        {
            return version;
        }

        var stored = await ReadAsync(grain, stateName, cancellationToken);
        throw Conflict(grain, stateName, stored.Etag, expectedEtag);
    }

    private void AddKey(NpgsqlCommand command, GrainId grain, string stateName)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = grain.Type, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = grain.Key, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName, NpgsqlDbType = NpgsqlDbType.Text });
    }

    private static InconsistentStateException Conflict(GrainId grain, string stateName, string? storedEtag, string? currentEtag) =>
        new($"Version conflict writing state '{stateName}' of grain {grain}: storage holds etag '{storedEtag ?? "none"}' but the activation held etag '{currentEtag ?? "none"}'. Another activation wrote newer state; this activation will deactivate.",
            storedEtag, currentEtag);

    private static string Etag(long version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long ParseEtag(string etag) => long.Parse(etag, System.Globalization.CultureInfo.InvariantCulture);
}
