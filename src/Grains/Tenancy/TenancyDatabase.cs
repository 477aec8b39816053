using Npgsql;

namespace EcomOps.Grains.Tenancy;

/// <summary>The application role's connections. Every unit of work runs in a transaction that first sets the
/// tenant, so row-level security confines it to that tenant whatever its SQL says.</summary>
public sealed class TenancyDatabase(NpgsqlDataSource dataSource)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public async Task<T> InTenantAsync<T>(Guid tenantId, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var scope = new NpgsqlCommand("select set_config('app.tenant_id', $1, true)", connection, transaction))
        {
            scope.Parameters.AddWithValue(tenantId.ToString());
            await scope.ExecuteNonQueryAsync(cancellationToken);
        }

        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public Task InTenantAsync(Guid tenantId, Func<NpgsqlConnection, NpgsqlTransaction, Task> work, CancellationToken cancellationToken = default) =>
        InTenantAsync<bool>(tenantId, async (connection, transaction) =>
        {
            await work(connection, transaction);
            return true;
        }, cancellationToken);

    /// <summary>Finds which tenant an email signs in to; the only read that is not confined to one tenant, and it
    /// sees that one email's row only.</summary>
    public async Task<(Guid TenantId, Guid UserId)?> FindSignInAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Its own statement: row-level security filters the scan before a select list would run.
        await using (var scope = new NpgsqlCommand("select set_config('app.sign_in_email', $1, true)", connection, transaction))
        {
            scope.Parameters.AddWithValue(email);
            await scope.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand("select tenant_id, user_id from user_directory where email = $1", connection, transaction);
        command.Parameters.AddWithValue(email);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetGuid(1)) : null;
    }
}
