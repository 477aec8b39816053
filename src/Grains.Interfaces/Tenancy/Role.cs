namespace EcomOps.Grains.Tenancy;

/// <summary>A member's role; each includes the permissions of the ones below it (docs/permissions.md).</summary>
public enum Role
{
    Viewer = 0,
    Operator = 1,
    Admin = 2,
    Owner = 3,
}
