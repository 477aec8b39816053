using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using EcomOps.Runtime.Concurrency;
using Npgsql;

namespace EcomOps.Grains.NetSuite;

/// <summary>Lists a tenant's connections and syncs from their tables, then asks each grain where it stands.
/// Holds no state, so listings interleave freely.</summary>
[Reentrant]
public sealed class NetSuiteDirectoryGrain(TenancyDatabase database) : Grain, INetSuiteDirectoryGrain
{
    private Guid TenantId => Guid.ParseExact(GetPrimaryKeyString(), "N");

    public async Task<IReadOnlyList<ConnectionInfo>> ListConnectionsAsync()
    {
        var ids = await ReadAsync("select connection_id, '' from ns_connections order by created_at, connection_id", null);
        return await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<INetSuiteConnectionGrain>(ConnectionKey.Of(TenantId, id.ConnectionId)).GetAsync()));
    }

    public async Task<IReadOnlyList<SyncInfo>> ListSyncsAsync(Guid? connectionId)
    {
        var ids = await ReadAsync("select connection_id, search_id from ns_syncs where $1::uuid is null or connection_id = $1 order by name, search_id", connectionId);
        return await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(TenantId, id.ConnectionId, id.SearchId)).GetAsync()));
    }

    private Task<List<(Guid ConnectionId, string SearchId)>> ReadAsync(string sql, Guid? connectionId) =>
        database.InTenantAsync(TenantId, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            if (sql.Contains("$1", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)connectionId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            }

            var ids = new List<(Guid, string)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add((reader.GetGuid(0), reader.GetString(1)));
            }

            return ids;
        });
}
