namespace EcomOps.Grains.Tenancy;

/// <summary>What an API key may do: read acts as a Viewer, operate as an Operator, admin as an Admin.</summary>
public enum ApiKeyScope
{
    Read,
    Operate,
    Admin,
}
