using System.Net;
using System.Net.Http.Json;
using EcomOps.WebFrontend.Api;
using Npgsql;

namespace EcomOps.WebFrontend.Tests;

[Collection(PortalCollection.Name)]
public sealed class IsolationTests(PortalFixture fixture)
{
    [Fact]
    public async Task AnotherTenantsIdsAnswer404OnEveryEndpoint()
    {
        var alpha = await fixture.RegisterAsync();
        var beta = await fixture.RegisterAsync();
        using var betaKey = await beta.Client.PostAsJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("beta key", "Read"));
        var betaKeyId = (await betaKey.Content.ReadFromJsonAsync<CreatedApiKeyResponse>(Json.Options))!.Key.KeyId;
        var betaUser = beta.Tokens.UserId;

        foreach (var call in new Func<HttpClient, Task<HttpResponseMessage>>[]
        {
            c => c.GetAsync($"/api/v1/users/{betaUser}"),
            c => c.PutAsJsonAsync($"/api/v1/users/{betaUser}/role", new ChangeRoleRequest("Viewer")),
            c => c.DeleteAsync($"/api/v1/users/{betaUser}"),
            c => c.DeleteAsync($"/api/v1/api-keys/{betaKeyId}"),
        })
        {
            using var response = await call(alpha.Client);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode}");
        }

        // Beta is untouched, and nothing about it leaked into Alpha's lists.
        Assert.Equal(HttpStatusCode.OK, (await beta.Client.GetAsync($"/api/v1/users/{betaUser}")).StatusCode);
        Assert.DoesNotContain(beta.Email, await alpha.Client.GetStringAsync("/api/v1/users"));
        Assert.DoesNotContain(beta.Email, await alpha.Client.GetStringAsync("/api/v1/audit?limit=1000"));
    }

    [Fact]
    public async Task RowLevelSecurityConfinesTheApplicationRoleToTheTenantItSet()
    {
        var alpha = await fixture.RegisterAsync();
        var beta = await fixture.RegisterAsync();
        var app = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Username = "ecomops_app" }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(app);

        foreach (var table in new[] { "tenant_users", "audit_events", "api_keys", "refresh_tokens", "user_directory" })
        {
            await using var unscoped = dataSource.CreateCommand($"select count(*) from {table}");
            Assert.Equal(0L, await unscoped.ExecuteScalarAsync());
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var scope = new NpgsqlCommand($"select set_config('app.tenant_id', '{alpha.TenantId}', true)", connection, transaction))
        {
            await scope.ExecuteNonQueryAsync();
        }

        await using (var users = new NpgsqlCommand("select count(*), count(*) filter (where tenant_id = $1) from tenant_users", connection, transaction))
        {
            users.Parameters.AddWithValue(alpha.TenantId);
            await using var reader = await users.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.True(reader.GetInt64(0) >= 1);
            Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
        }

        await using (var foreign = new NpgsqlCommand("insert into tenant_users (tenant_id, user_id, email, display_name, role, password_hash) values ($1, $2, 'x@example.com', 'X', 'Owner', 'x')", connection, transaction))
        {
            foreign.Parameters.AddWithValue(beta.TenantId);
            foreign.Parameters.AddWithValue(Guid.NewGuid());
            var error = await Assert.ThrowsAsync<PostgresException>(() => foreign.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
    }

    [Fact]
    public async Task TheAuditTrailIsAppendOnlyForTheApplication()
    {
        var alpha = await fixture.RegisterAsync();
        var app = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Username = "ecomops_app" }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(app);
        foreach (var sql in new[] { "update audit_events set outcome = 'x'", "delete from audit_events" })
        {
            await using var command = dataSource.CreateCommand(sql);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }

        Assert.Contains("tenant.registered", await alpha.Client.GetStringAsync("/api/v1/audit"));
    }
}
