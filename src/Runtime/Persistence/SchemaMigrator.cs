using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EcomOps.Runtime.Persistence;

/// <summary>Applies a component's versioned SQL migrations (embedded resources named <c>NNN_name.sql</c> under one
/// resource folder) once each, under a transaction-scoped advisory lock so silos starting together never race.</summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    private const long MigrationLockKey = 0x45636f6d4f7073; // "EcomOps"

    public async Task ApplyAsync(string component, Assembly assembly, string resourceFolder, CancellationToken cancellationToken)
    {
        var prefix = resourceFolder.TrimEnd('.') + ".";
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => (Resource: name, File: FileName(name)))
            .Where(m => m.File.Length > 4 && char.IsAsciiDigit(m.File[0]))
            .Select(m => (m.Resource, Version: int.Parse(m.File[..m.File.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture), m.File))
            .OrderBy(m => m.Version)
            .ToList();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue(MigrationLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = new NpgsqlCommand(
            "create table if not exists schema_migrations (component text not null, version integer not null, name text not null, applied_at timestamptz not null default now(), primary key (component, version))",
            connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand("select version from schema_migrations where component = $1", connection, transaction))
        {
            read.Parameters.AddWithValue(component);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
        {
            string sql;
            await using (var stream = assembly.GetManifestResourceStream(migration.Resource)!)
            using (var text = new StreamReader(stream))
            {
                sql = await text.ReadToEndAsync(cancellationToken);
            }

            await using (var apply = new NpgsqlCommand(sql, connection, transaction))
            {
                await apply.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand("insert into schema_migrations (component, version, name) values ($1, $2, $3)", connection, transaction))
            {
                record.Parameters.AddWithValue(component);
                record.Parameters.AddWithValue(migration.Version);
                record.Parameters.AddWithValue(migration.File);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            logger.LogInformation("Applied migration {Component} {Migration}", component, migration.File);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string FileName(string resource)
    {
        // Resource names are "Assembly.Folder.NNN_name.sql": the file name is the last two dot-separated parts.
        var withoutExtension = resource[..^4];
        var lastDot = withoutExtension.LastIndexOf('.');
        return withoutExtension[(lastDot + 1)..] + ".sql";
    }
}
