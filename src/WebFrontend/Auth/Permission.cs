namespace EcomOps.WebFrontend.Auth;

/// <summary>What an endpoint or page needs; which roles have it is in <see cref="RolePermissions"/> and docs/permissions.md.</summary>
public enum Permission
{
    TenantRead,
    TenantUpdate,
    PlanChange,
    UsersRead,
    UsersManage,
    ApiKeysManage,
    AuditRead,
    ConnectionsRead,
    ConnectionsManage,
    SyncsRead,
    SyncsRun,
    SyncsManage,
    DatasetsRead,
}
