namespace EcomOps.Grains.Tenancy;

public enum SignInStatus
{
    Succeeded,
    Failed,
    LockedOut,
}
