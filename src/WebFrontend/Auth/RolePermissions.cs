using EcomOps.Grains.Tenancy;

namespace EcomOps.WebFrontend.Auth;

/// <summary>The permission matrix: the lowest role holding each permission (roles include everything below them).
/// docs/permissions.md shows the same table; a test keeps them in step.</summary>
public static class RolePermissions
{
    public static IReadOnlyDictionary<Permission, Role> LowestRole { get; } = new Dictionary<Permission, Role>
    {
        [Permission.TenantRead] = Role.Viewer,
        [Permission.ConnectionsRead] = Role.Viewer,
        [Permission.SyncsRead] = Role.Viewer,
        [Permission.DatasetsRead] = Role.Viewer,
        [Permission.AuditRead] = Role.Operator,
        [Permission.UsersRead] = Role.Operator,
        [Permission.SyncsRun] = Role.Operator,
        [Permission.TenantUpdate] = Role.Admin,
        [Permission.UsersManage] = Role.Admin,
        [Permission.ApiKeysManage] = Role.Admin,
        [Permission.ConnectionsManage] = Role.Admin,
        [Permission.SyncsManage] = Role.Admin,
        [Permission.PlanChange] = Role.Owner,
    };

    public static bool Allows(Role role, Permission permission) => role >= LowestRole[permission];

    public static string PolicyName(Permission permission) => "permission:" + permission;

    /// <summary>The role an API key acts as.</summary>
    public static Role RoleOf(ApiKeyScope scope) => scope switch
    {
        ApiKeyScope.Admin => Role.Admin,
        ApiKeyScope.Operate => Role.Operator,
        _ => Role.Viewer,
    };
}
