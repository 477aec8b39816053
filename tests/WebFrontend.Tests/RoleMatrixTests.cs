using System.Net;
using System.Net.Http.Json;
using EcomOps.Grains.NetSuite;
using EcomOps.Grains.Tenancy;
using EcomOps.WebFrontend.Api;
using EcomOps.WebFrontend.Api.NetSuite;
using EcomOps.WebFrontend.Auth;

namespace EcomOps.WebFrontend.Tests;

/// <summary>Every API endpoint, called by every role: allowed exactly where the permission matrix says.</summary>
[Collection(PortalCollection.Name)]
public sealed class RoleMatrixTests(PortalFixture fixture)
{
    public static TheoryData<Role> Roles => [Role.Owner, Role.Admin, Role.Operator, Role.Viewer];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EachEndpointAnswersByThePermissionMatrix(Role role)
    {
        var owner = await fixture.RegisterAsync();
        var client = role == Role.Owner ? owner.Client : await MemberClientAsync(owner, role);
        var viewer = await AddMemberAsync(owner, Role.Viewer);

        // NetSuite: the Pro plan's room for more connections, one connection with a synced search to read and run,
        // and one to delete.
        (await owner.Client.PutAsJsonAsync("/api/v1/tenant/plan", new ChangePlanRequest("Pro"))).EnsureSuccessStatusCode();
        var connection = (await NetSuiteTestData.CreateConnectionAsync(owner.Client, fixture)).ConnectionId;
        var doomed = (await NetSuiteTestData.CreateConnectionAsync(owner.Client, fixture, "Doomed")).ConnectionId;
        var connectionUrl = $"/api/v1/connections/{connection}";
        var customers = $"{connectionUrl}/searches/{NetSuiteTestData.Customers}";
        var items = $"{connectionUrl}/searches/{NetSuiteTestData.Items}";
        (await owner.Client.PutAsJsonAsync(customers, new SearchRequest("Customers", "Full", null))).EnsureSuccessStatusCode();
        var dataset = DatasetId.Of(connection, NetSuiteTestData.Customers);
        var faults = fixture.Sandbox.Account(NetSuiteTestData.Credentials.AccountId).Faults;

        var calls = new (Permission Needs, Func<HttpClient, Task<HttpResponseMessage>> Call)[]
        {
            (Permission.TenantRead, c => c.GetAsync("/api/v1/tenant")),
            (Permission.TenantUpdate, c => c.PutAsJsonAsync("/api/v1/tenant", new UpdateTenantRequest("Renamed", "UTC", null, null))),
            (Permission.PlanChange, c => c.PutAsJsonAsync("/api/v1/tenant/plan", new ChangePlanRequest("Pro"))),
            (Permission.UsersRead, c => c.GetAsync("/api/v1/users")),
            (Permission.UsersRead, c => c.GetAsync($"/api/v1/users/{viewer}")),
            (Permission.UsersManage, c => c.PostAsJsonAsync("/api/v1/users", new AddUserRequest($"n-{Guid.NewGuid():N}@example.com", "New", "Viewer", null))),
            (Permission.UsersManage, c => c.PutAsJsonAsync($"/api/v1/users/{viewer}/role", new ChangeRoleRequest("Viewer"))),
            (Permission.ApiKeysManage, c => c.GetAsync("/api/v1/api-keys")),
            (Permission.ApiKeysManage, c => c.PostAsJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("k", "Read"))),
            (Permission.AuditRead, c => c.GetAsync("/api/v1/audit")),
            (Permission.AuditRead, c => c.GetAsync("/api/v1/audit/export.csv")),
            (Permission.ConnectionsRead, c => c.GetAsync("/api/v1/connections")),
            (Permission.ConnectionsRead, c => c.GetAsync(connectionUrl)),
            (Permission.SyncsRun, c => c.PostAsync(connectionUrl + "/test", null)),
            (Permission.ConnectionsManage, c => c.PostAsJsonAsync("/api/v1/connections", NetSuiteTestData.SandboxConnection(fixture, "Another"))),
            (Permission.ConnectionsManage, c => c.PutAsJsonAsync(connectionUrl, new ConnectionRequest("Renamed", NetSuiteTestData.Credentials.AccountId, fixture.Sandbox.RestletUrl.ToString(), null, null))),
            (Permission.SyncsRead, c => c.GetAsync(connectionUrl + "/searches")),
            (Permission.SyncsRead, c => c.GetAsync("/api/v1/syncs")),
            (Permission.SyncsRead, c => c.GetAsync($"/api/v1/syncs/{dataset}")),
            (Permission.SyncsRead, c => c.GetAsync($"/api/v1/syncs/{dataset}/runs")),
            (Permission.DatasetsRead, c => c.GetAsync($"/api/v1/datasets/{dataset}/rows")),
            (Permission.DatasetsRead, c => c.GetAsync($"/api/v1/datasets/{dataset}/csv")),
            (Permission.SyncsManage, c => c.PutAsJsonAsync(items, new SearchRequest("Items", "Incremental", new ScheduleRequest("Daily", null, "03:00")))),
            (Permission.SyncsRun, async c =>
            {
                // Slow pages keep the run going until the cancel that follows.
                faults.Latency = TimeSpan.FromMilliseconds(500);
                return await c.PostAsync(customers + "/run", null);
            }),
            (Permission.SyncsRun, async c =>
            {
                try
                {
                    return await c.PostAsync(customers + "/cancel", null);
                }
                finally
                {
                    faults.Latency = TimeSpan.Zero;
                }
            }),
            (Permission.SyncsManage, c => c.DeleteAsync(items)),
            (Permission.ConnectionsManage, c => c.DeleteAsync($"/api/v1/connections/{doomed}")),
        };

        foreach (var (needs, call) in calls)
        {
            using var response = await call(client);
            var allowed = RolePermissions.Allows(role, needs);
            Assert.True(allowed ? response.IsSuccessStatusCode : response.StatusCode == HttpStatusCode.Forbidden,
                $"{role} calling {response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: expected {(allowed ? "success" : "403")}, got {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task OnlyAnOwnerMakesOrTouchesAnOwner()
    {
        var owner = await fixture.RegisterAsync();
        var admin = await MemberClientAsync(owner, Role.Admin);
        var viewer = await AddMemberAsync(owner, Role.Viewer);

        using (var promote = await admin.PutAsJsonAsync($"/api/v1/users/{viewer}/role", new ChangeRoleRequest("Owner")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, promote.StatusCode);
        }

        using (var demoteOwner = await admin.PutAsJsonAsync($"/api/v1/users/{owner.Tokens.UserId}/role", new ChangeRoleRequest("Viewer")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, demoteOwner.StatusCode);
        }

        using var byOwner = await owner.Client.PutAsJsonAsync($"/api/v1/users/{viewer}/role", new ChangeRoleRequest("Owner"));
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
    }

    [Fact]
    public async Task TheLastOwnerCannotBeDemotedOrRemoved()
    {
        var owner = await fixture.RegisterAsync();
        using (var demote = await owner.Client.PutAsJsonAsync($"/api/v1/users/{owner.Tokens.UserId}/role", new ChangeRoleRequest("Admin")))
        {
            Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        }

        using (var remove = await owner.Client.DeleteAsync($"/api/v1/users/{owner.Tokens.UserId}"))
        {
            Assert.Equal(HttpStatusCode.Conflict, remove.StatusCode);
        }

        var second = await AddMemberAsync(owner, Role.Owner);
        using var nowAllowed = await owner.Client.PutAsJsonAsync($"/api/v1/users/{owner.Tokens.UserId}/role", new ChangeRoleRequest("Admin"));
        Assert.Equal(HttpStatusCode.OK, nowAllowed.StatusCode);
        Assert.NotEqual(Guid.Empty, second);
    }

    private async Task<HttpClient> MemberClientAsync(Session owner, Role role)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        using var add = await owner.Client.PostAsJsonAsync("/api/v1/users", new AddUserRequest(email, role + " User", role.ToString(), "member password 1"));
        add.EnsureSuccessStatusCode();
        using var login = await fixture.Api.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(email, "member password 1"));
        login.EnsureSuccessStatusCode();
        return fixture.ClientWith((await login.Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!.AccessToken);
    }

    private static async Task<Guid> AddMemberAsync(Session owner, Role role)
    {
        using var add = await owner.Client.PostAsJsonAsync("/api/v1/users", new AddUserRequest($"m-{Guid.NewGuid():N}@example.com", "Member", role.ToString(), null));
        add.EnsureSuccessStatusCode();
        return (await add.Content.ReadFromJsonAsync<AddedUserResponse>(Json.Options))!.User.UserId;
    }
}
