namespace EcomOps.Grains.NetSuite;

/// <summary>What testing a connection found, specific enough to say what to fix.</summary>
public enum ConnectionTestOutcome
{
    Succeeded,
    BadCredentials,
    WrongAccount,
    RestletNotDeployed,
    PermissionMissing,
    Unreachable,
    Failed,
}
