using EcomOps.Grains.Common;
using EcomOps.Grains.Hosting;
using EcomOps.Grains.NetSuite;
using EcomOps.Grains.Tenancy;
using EcomOps.Sandboxes.NetSuite;
using EcomOps.TestingHost;
using Npgsql;

namespace EcomOps.Grains.Tests.NetSuite;

public sealed class NetSuiteConnectionGrainTests : IAsyncLifetime
{
    private static readonly TbaCredentials Sandbox = new("1234567_SB1", "ck-conn", "cs-conn-SECRET", "tid-conn", "ts-conn-SECRET");
    private static readonly Actor Owner = new(ActorType.User, "owner", "Olive Owner");
    private static readonly System.Security.Cryptography.RSA IntegrationKey = System.Security.Cryptography.RSA.Create(2048);
    private TestDatabase database = null!;
    private TestCluster cluster = null!;
    private NetSuiteSandboxHost sandbox = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var options = new TestClusterOptions { InitialSilos = 2 };
        options.ConfigureSilo = silo => silo.AddProductGrains();
        cluster = await TestCluster.StartAsync(database.ConnectionString, options);
        var sandboxOptions = new SandboxOptions { RowsPerDataSet = 20 };
        sandboxOptions.Accounts.Add(Sandbox);
        sandboxOptions.OAuth2Clients.Add(new SandboxOAuth2Client(Sandbox.AccountId, "client-conn", "cert-conn", IntegrationKey.ExportSubjectPublicKeyInfoPem()));
        sandbox = await NetSuiteSandboxHost.StartAsync(sandboxOptions);
    }

    public async Task DisposeAsync()
    {
        await sandbox.DisposeAsync();
        await cluster.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task StoresCredentialsEncryptedAndNeverShowsThem()
    {
        var (tenant, connection) = await NewConnectionAsync();
        var info = await connection.CreateAsync(Owner, Settings(sandbox.RestletUrl));
        Assert.True(info.HasCredentials);
        Assert.Equal("1234567_SB1", info.AccountId);

        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var stored = dataSource.CreateCommand("select payload::text from rt_grain_state where grain_type = 'netsuiteconnection'");
        var payload = (string)(await stored.ExecuteScalarAsync())!;
        foreach (var secret in new[] { Sandbox.ConsumerSecret, Sandbox.TokenSecret, Sandbox.ConsumerKey, Sandbox.TokenId })
        {
            Assert.DoesNotContain(secret, payload);
        }

        var audit = await cluster.Client.GetGrain<ITenantGrain>(tenant.ToString("N")).QueryAuditAsync(new AuditQuery(null, "connection.", null, null, null, null, 10));
        Assert.Equal("connection.created", Assert.Single(audit.Events).Action);
        Assert.DoesNotContain("SECRET", audit.Events[0].Details!);
    }

    [Fact]
    public async Task TestingTellsWhatIsWrong()
    {
        var (_, connection) = await NewConnectionAsync();
        await connection.CreateAsync(Owner, Settings(sandbox.RestletUrl));
        Assert.Equal(ConnectionTestOutcome.Succeeded, (await connection.TestAsync(Owner)).Outcome);
        Assert.Equal(ConnectionTestOutcome.Succeeded, (await connection.GetAsync()).LastTest!.Outcome);

        await connection.UpdateAsync(Owner, Settings(sandbox.RestletUrl, Sandbox with { TokenSecret = "wrong" }));
        Assert.Equal(ConnectionTestOutcome.BadCredentials, (await connection.TestAsync(Owner)).Outcome);

        var undeployed = new Uri(sandbox.BaseAddress, $"{NetSuiteSandboxHost.RestletPath}?script=customscript_other&deploy=customdeploy_other");
        await connection.UpdateAsync(Owner, Settings(undeployed));
        Assert.Equal(ConnectionTestOutcome.RestletNotDeployed, (await connection.TestAsync(Owner)).Outcome);

        await connection.UpdateAsync(Owner, Settings(new Uri("http://127.0.0.1:1/app/site/hosting/restlet.nl?script=x&deploy=y")));
        Assert.Equal(ConnectionTestOutcome.Unreachable, (await connection.TestAsync(Owner)).Outcome);

        await connection.UpdateAsync(Owner, Settings(new Uri("https://7654321.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=x&deploy=y")));
        var wrongAccount = await connection.TestAsync(Owner);
        Assert.Equal(ConnectionTestOutcome.WrongAccount, wrongAccount.Outcome);
        Assert.Contains("1234567-sb1.restlets.api.netsuite.com", wrongAccount.Message);
    }

    [Fact]
    public async Task AnOAuth2ClientCredentialsConnectionSignsWithTheCertificateKeyAndSyncs()
    {
        var (tenant, connection) = await NewConnectionAsync();
        var oauth = new OAuth2Secrets("client-conn", "cert-conn", IntegrationKey.ExportPkcs8PrivateKeyPem());
        var info = await connection.CreateAsync(Owner, new ConnectionSettings("OAuth", "1234567_SB1", sandbox.RestletUrl, NetSuiteAuthMethod.OAuth2ClientCredentials, null, oauth));
        Assert.Equal(NetSuiteAuthMethod.OAuth2ClientCredentials, info.AuthMethod);
        Assert.Equal(ConnectionTestOutcome.Succeeded, (await connection.TestAsync(Owner)).Outcome);

        var sync = cluster.Client.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(tenant, info.ConnectionId, "customsearch_ecomops_items"));
        await sync.ConfigureAsync(Owner, new SyncSettings("Items", SyncMode.Full, SyncSchedule.Manual));
        var run = await sync.RunNowAsync(Owner, null);
        var done = await Eventually.ReachesAsync(sync.GetAsync, s => s.LastRun?.RunId == run.RunId, TimeSpan.FromSeconds(30), "the OAuth 2.0 sync");
        Assert.Equal((SyncRunStatus.Succeeded, 20L), (done.LastRun!.Status, done.Rows));

        await connection.UpdateAsync(Owner, new ConnectionSettings("OAuth", "1234567_SB1", sandbox.RestletUrl, NetSuiteAuthMethod.OAuth2ClientCredentials, null,
            oauth with { CertificateId = "cert-unknown" }));
        Assert.Equal(ConnectionTestOutcome.BadCredentials, (await connection.TestAsync(Owner)).Outcome);

        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var stored = dataSource.CreateCommand("select string_agg(payload::text, '') from rt_grain_state where grain_type = 'netsuiteconnection'");
        Assert.DoesNotContain("PRIVATE KEY", (string)(await stored.ExecuteScalarAsync())!);
        var bad = new ConnectionSettings("OAuth", "1234567_SB1", sandbox.RestletUrl, NetSuiteAuthMethod.OAuth2ClientCredentials, null, oauth with { PrivateKeyPem = "not a key" });
        Assert.StartsWith("oauth2.privateKeyPem:", (await Assert.ThrowsAsync<InvalidInputException>(() => connection.UpdateAsync(Owner, bad))).Message);
        Assert.StartsWith("tba:", (await Assert.ThrowsAsync<InvalidInputException>(() =>
            connection.UpdateAsync(Owner, new ConnectionSettings("OAuth", "1234567_SB1", sandbox.RestletUrl, NetSuiteAuthMethod.Tba, null)))).Message);
    }

    [Fact]
    public async Task ThePlanCapsConnectionsAndBadSettingsAreRefusedByField()
    {
        var (tenant, first) = await NewConnectionAsync();
        await first.CreateAsync(Owner, Settings(sandbox.RestletUrl));
        var second = cluster.Client.GetGrain<INetSuiteConnectionGrain>(ConnectionKey.Of(tenant, Guid.NewGuid()));
        Assert.Contains("allows 1", (await Assert.ThrowsAsync<ConflictException>(() => second.CreateAsync(Owner, Settings(sandbox.RestletUrl)))).Message);

        var third = cluster.Client.GetGrain<INetSuiteConnectionGrain>(ConnectionKey.Of(tenant, Guid.NewGuid()));
        var bad = Settings(sandbox.RestletUrl) with { AccountId = "not an account" };
        Assert.StartsWith("accountId:", (await Assert.ThrowsAsync<InvalidInputException>(() => third.CreateAsync(Owner, bad))).Message);
        Assert.StartsWith("tba:", (await Assert.ThrowsAsync<InvalidInputException>(() => third.CreateAsync(Owner, Settings(sandbox.RestletUrl) with { Tba = null }))).Message);
        await Assert.ThrowsAsync<NotFoundException>(() => third.GetAsync());
    }

    private async Task<(Guid TenantId, INetSuiteConnectionGrain Connection)> NewConnectionAsync()
    {
        var tenantId = Guid.NewGuid();
        await cluster.Client.GetGrain<ITenantGrain>(tenantId.ToString("N"))
            .RegisterAsync(new Registration("Conn Co", $"o-{Guid.NewGuid():N}@example.com", "Olive", "a long password", "UTC"));
        return (tenantId, cluster.Client.GetGrain<INetSuiteConnectionGrain>(ConnectionKey.Of(tenantId, Guid.NewGuid())));
    }

    private static ConnectionSettings Settings(Uri restletUrl, TbaCredentials? credentials = null)
    {
        var c = credentials ?? Sandbox;
        return new ConnectionSettings("Sandbox", "1234567_SB1", restletUrl, NetSuiteAuthMethod.Tba, new TbaSecrets(c.ConsumerKey, c.ConsumerSecret, c.TokenId, c.TokenSecret));
    }
}
