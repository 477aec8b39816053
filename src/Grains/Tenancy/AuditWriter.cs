using System.Text.Json;
using EcomOps.Grains.Common;
using EcomOps.Runtime;
using Npgsql;
using NpgsqlTypes;

namespace EcomOps.Grains.Tenancy;

/// <summary>Appends audit events inside the transaction of the change they record, so neither lands without the other.</summary>
internal static class AuditWriter
{
    public static async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, Actor actor, string action, string target, string outcome, object? details)
    {
        await using var command = new NpgsqlCommand(
            """
            insert into audit_events (tenant_id, actor_type, actor_id, actor_name, action, target, outcome, correlation_id, details)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, connection, transaction);
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(actor.Type.ToString());
        command.Parameters.AddWithValue(actor.Id);
        command.Parameters.AddWithValue(actor.Name);
        command.Parameters.AddWithValue(action);
        command.Parameters.AddWithValue(target);
        command.Parameters.AddWithValue(outcome);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)RequestContext.CorrelationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = details is null ? DBNull.Value : details as string ?? JsonSerializer.Serialize(details),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<AuditPage> QueryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, 1000);
        var sql = new System.Text.StringBuilder(
            "select event_id, occurred_at, actor_type, actor_id, actor_name, action, target, outcome, correlation_id, details::text from audit_events where true");
        var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        void Filter(string clause, object value)
        {
            command.Parameters.AddWithValue(value);
            sql.Append(" and ").Append(clause.Replace("@", "$" + command.Parameters.Count, StringComparison.Ordinal));
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            Filter("(actor_name ilike '%' || @ || '%' or actor_id = @)", query.Actor.Trim());
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            Filter("action like @ || '%'", query.Action.Trim());
        }

        if (!string.IsNullOrWhiteSpace(query.Target))
        {
            Filter("target ilike '%' || @ || '%'", query.Target.Trim());
        }

        if (query.From is { } from)
        {
            Filter("occurred_at >= @", from);
        }

        if (query.To is { } to)
        {
            Filter("occurred_at < @", to);
        }

        if (query.Before is { } before)
        {
            Filter("event_id < @", before);
        }

        command.Parameters.AddWithValue(limit + 1);
        sql.Append(" order by event_id desc limit $").Append(command.Parameters.Count);
        command.CommandText = sql.ToString();
        await using (command)
        {
            var events = new List<AuditEvent>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                events.Add(new AuditEvent(
                    reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9)));
            }

            return events.Count > limit
                ? new AuditPage(events[..limit], events[limit - 1].Id)
                : new AuditPage(events, null);
        }
    }
}
