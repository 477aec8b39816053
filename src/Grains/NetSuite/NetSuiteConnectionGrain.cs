using System.Text.Json;
using EcomOps.Grains.Common;
using EcomOps.Grains.Security;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using Npgsql;

namespace EcomOps.Grains.NetSuite;

/// <summary>A tenant's NetSuite connection: where it points and how it authenticates. Credentials are encrypted at
/// rest, bound to this connection, and leave the grain only inside signed requests; audit events name what changed,
/// never the secrets.</summary>
public sealed class NetSuiteConnectionGrain(
    [PersistentState("connection")] IPersistentState<ConnectionState> state,
    TenancyDatabase database,
    SecretProtector secrets,
    NetSuiteClients clients,
    TimeProvider time) : Grain, INetSuiteConnectionGrain, INetSuiteConnectionAccessGrain
{
    private static readonly RetryPolicy TestRetry = new(2, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    private (Guid TenantId, Guid ConnectionId) Key => ConnectionKey.Parse(GetPrimaryKeyString());

    private string Purpose => ConnectionTarget.SecretPurpose(GetPrimaryKeyString());

    public async Task<ConnectionInfo> CreateAsync(Actor actor, ConnectionSettings settings)
    {
        if (state.State.Exists)
        {
            throw new ConflictException("This connection already exists.");
        }

        Validate(settings, requireSecrets: true);
        var limit = (await GrainFactory.GetGrain<ITenantGrain>(Key.TenantId.ToString("N")).GetProfileAsync()).Entitlements.MaxConnections;
        var now = time.GetUtcNow();
        await database.InTenantAsync(Key.TenantId, async (connection, transaction) =>
        {
            await using (var count = new NpgsqlCommand("select count(*) from ns_connections", connection, transaction))
            {
                if ((long)(await count.ExecuteScalarAsync())! >= limit)
                {
                    throw new ConflictException($"The plan allows {limit} NetSuite connection(s); remove one or change the plan.");
                }
            }

            await using (var insert = new NpgsqlCommand("insert into ns_connections (tenant_id, connection_id, name, account_id) values ($1, $2, $3, $4)", connection, transaction))
            {
                insert.Parameters.AddWithValue(Key.TenantId);
                insert.Parameters.AddWithValue(Key.ConnectionId);
                insert.Parameters.AddWithValue(settings.Name.Trim());
                insert.Parameters.AddWithValue(settings.AccountId.Trim());
                await insert.ExecuteNonQueryAsync();
            }

            await AuditWriter.AppendAsync(connection, transaction, Key.TenantId, actor, "connection.created", settings.Name.Trim(), "succeeded", Describe(settings));
        });

        Apply(settings, now);
        state.State.Exists = true;
        state.State.CreatedAt = now;
        await state.WriteStateAsync();
        return Info();
    }

    public async Task<ConnectionInfo> UpdateAsync(Actor actor, ConnectionSettings settings)
    {
        EnsureExists();
        Validate(settings, requireSecrets: settings.AuthMethod != state.State.AuthMethod);
        await database.InTenantAsync(Key.TenantId, async (connection, transaction) =>
        {
            await using (var update = new NpgsqlCommand("update ns_connections set name = $2, account_id = $3 where connection_id = $1", connection, transaction))
            {
                update.Parameters.AddWithValue(Key.ConnectionId);
                update.Parameters.AddWithValue(settings.Name.Trim());
                update.Parameters.AddWithValue(settings.AccountId.Trim());
                await update.ExecuteNonQueryAsync();
            }

            await AuditWriter.AppendAsync(connection, transaction, Key.TenantId, actor, "connection.updated", settings.Name.Trim(), "succeeded",
                new { settings.AccountId, RestletUrl = settings.RestletUrl.ToString(), AuthMethod = settings.AuthMethod.ToString(), CredentialsReplaced = Secrets(settings) is not null });
        });

        Apply(settings, time.GetUtcNow());
        state.State.LastTest = null;
        await state.WriteStateAsync();
        return Info();
    }

    public async Task DeleteAsync(Actor actor)
    {
        EnsureExists();
        var name = state.State.Name;
        var searches = await database.InTenantAsync<IReadOnlyList<string>>(Key.TenantId, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("select search_id from ns_syncs where connection_id = $1", connection, transaction);
            command.Parameters.AddWithValue(Key.ConnectionId);
            var ids = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        });

        // Each sync stops its run and removes its data first, so no run outlives the connection it reads through.
        foreach (var searchId in searches)
        {
            await GrainFactory.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(Key.TenantId, Key.ConnectionId, searchId)).RemoveAsync(actor);
        }

        await database.InTenantAsync(Key.TenantId, async (connection, transaction) =>
        {
            await using (var delete = new NpgsqlCommand("delete from ns_connections where connection_id = $1", connection, transaction))
            {
                delete.Parameters.AddWithValue(Key.ConnectionId);
                await delete.ExecuteNonQueryAsync();
            }

            await AuditWriter.AppendAsync(connection, transaction, Key.TenantId, actor, "connection.deleted", name, "succeeded", null);
        });

        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public Task<ConnectionInfo> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(Info());
    }

    public async Task<ConnectionTestResult> TestAsync(Actor actor)
    {
        EnsureExists();
        var result = await RunTestAsync();
        state.State.LastTest = result;
        await state.WriteStateAsync();
        await database.InTenantAsync(Key.TenantId, (connection, transaction) =>
            AuditWriter.AppendAsync(connection, transaction, Key.TenantId, actor, "connection.tested", state.State.Name,
                result.Outcome == ConnectionTestOutcome.Succeeded ? "succeeded" : "failed", new { outcome = result.Outcome.ToString(), result.Message }));
        return result;
    }

    Task<ConnectionTarget> INetSuiteConnectionAccessGrain.GetTargetAsync()
    {
        EnsureExists();
        return Task.FromResult(Target());
    }

    private ConnectionTarget Target() =>
        new(GetPrimaryKeyString(), state.State.Name, state.State.AccountId, new Uri(state.State.RestletUrl), state.State.AuthMethod, state.State.ProtectedSecrets!);

    private async Task<ConnectionTestResult> RunTestAsync()
    {
        var now = time.GetUtcNow();
        var url = new Uri(state.State.RestletUrl);
        if (url.Host.EndsWith(".restlets.api.netsuite.com", StringComparison.OrdinalIgnoreCase)
            && !url.Host.Equals(NetSuiteAccount.RestletHost(state.State.AccountId), StringComparison.OrdinalIgnoreCase))
        {
            return new(ConnectionTestOutcome.WrongAccount, $"The RESTlet URL is on {url.Host}, but account {state.State.AccountId} is served from {NetSuiteAccount.RestletHost(state.State.AccountId)}.", now);
        }

        try
        {
            await clients.Restlet(Target().Authorization(clients, secrets), url, TestRetry).RunAsync(new RestletRequest { Type = "customer", Columns = [new RestletColumn("entityid", null, null, null, null)], PageSize = 5 }, CancellationToken.None);
            return new(ConnectionTestOutcome.Succeeded, "Connected: the RESTlet answered a test search.", now);
        }
        catch (NetSuiteAuthenticationException)
        {
            return new(ConnectionTestOutcome.BadCredentials, $"NetSuite refused the credentials for account {state.State.AccountId}: check the consumer key and secret, the token id and secret, and that the token belongs to this account.", now);
        }
        catch (NetSuiteException exception) when (exception.Code is "SSS_INVALID_SCRIPTLET_ID" or "404")
        {
            return new(ConnectionTestOutcome.RestletNotDeployed, "The RESTlet is not deployed at this URL: deploy restlet/ with the SuiteCloud CLI and copy its external URL.", now);
        }
        catch (NetSuiteException exception) when (exception.Code is "PERMISSION_DENIED" or "INSUFFICIENT_PERMISSION")
        {
            return new(ConnectionTestOutcome.PermissionMissing, "The integration's role may not run searches: give it the Lists and Transactions search permissions.", now);
        }
        catch (NetSuiteException exception) when (exception.Code is "CONNECTION_FAILED" or "TIMEOUT")
        {
            return new(ConnectionTestOutcome.Unreachable, $"NetSuite could not be reached at {url.Host}: {exception.Message}", now);
        }
        catch (NetSuiteException exception)
        {
            return new(ConnectionTestOutcome.Failed, $"NetSuite answered {exception.Code}: {exception.Message}", now);
        }
    }

    private void Apply(ConnectionSettings settings, DateTimeOffset now)
    {
        state.State.Name = settings.Name.Trim();
        state.State.AccountId = settings.AccountId.Trim();
        state.State.RestletUrl = settings.RestletUrl.ToString();
        state.State.AuthMethod = settings.AuthMethod;
        if (Secrets(settings) is { } credentials)
        {
            state.State.ProtectedSecrets = secrets.Protect(credentials, Purpose);
        }

        state.State.UpdatedAt = now;
    }

    private static void Validate(ConnectionSettings settings, bool requireSecrets)
    {
        InputRules.Name("name", settings.Name, 100);
        try
        {
            NetSuiteAccount.Realm(settings.AccountId);
        }
        catch (ArgumentException exception)
        {
            throw InvalidInputException.For("accountId", exception.Message.Split(" (", 2)[0]);
        }

        if (!settings.RestletUrl.IsAbsoluteUri || settings.RestletUrl.Scheme is not ("https" or "http"))
        {
            throw InvalidInputException.For("restletUrl", "must be the RESTlet's external URL, https://ACCOUNT.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=...&deploy=...");
        }

        if (!Enum.IsDefined(settings.AuthMethod))
        {
            throw InvalidInputException.For("authMethod", "must be Tba or OAuth2ClientCredentials.");
        }

        if (settings.AuthMethod == NetSuiteAuthMethod.Tba && settings.Tba is { } tba)
        {
            foreach (var (field, value) in new[] { ("tba.consumerKey", tba.ConsumerKey), ("tba.consumerSecret", tba.ConsumerSecret), ("tba.tokenId", tba.TokenId), ("tba.tokenSecret", tba.TokenSecret) })
            {
                InputRules.Name(field, value, 200);
            }
        }
        else if (settings.AuthMethod == NetSuiteAuthMethod.OAuth2ClientCredentials && settings.OAuth2 is { } oauth)
        {
            InputRules.Name("oauth2.clientId", oauth.ClientId, 200);
            InputRules.Name("oauth2.certificateId", oauth.CertificateId, 200);
            try
            {
                OAuth2ClientAssertion.Algorithm(oauth.PrivateKeyPem ?? "");
            }
            catch (ArgumentException exception)
            {
                throw InvalidInputException.For("oauth2.privateKeyPem", exception.Message);
            }
        }
        else if (requireSecrets)
        {
            throw settings.AuthMethod == NetSuiteAuthMethod.Tba
                ? InvalidInputException.For("tba", "the consumer key and secret and the token id and secret are required.")
                : InvalidInputException.For("oauth2", "the client id, the certificate id and the certificate's private key (PEM) are required.");
        }
    }

    /// <summary>The new credentials of the settings' method, serialized; null keeps the stored ones.</summary>
    private static string? Secrets(ConnectionSettings settings) => settings.AuthMethod switch
    {
        NetSuiteAuthMethod.Tba when settings.Tba is { } tba => JsonSerializer.Serialize(tba),
        NetSuiteAuthMethod.OAuth2ClientCredentials when settings.OAuth2 is { } oauth => JsonSerializer.Serialize(oauth),
        _ => null,
    };

    private static object Describe(ConnectionSettings settings) =>
        new { settings.AccountId, RestletUrl = settings.RestletUrl.ToString(), AuthMethod = settings.AuthMethod.ToString() };

    private ConnectionInfo Info() =>
        new(Key.ConnectionId, state.State.Name, state.State.AccountId, new Uri(state.State.RestletUrl), state.State.AuthMethod,
            state.State.ProtectedSecrets is not null, state.State.CreatedAt, state.State.UpdatedAt, state.State.LastTest);

    private void EnsureExists()
    {
        if (!state.State.Exists)
        {
            throw new NotFoundException("No such NetSuite connection.");
        }
    }
}
