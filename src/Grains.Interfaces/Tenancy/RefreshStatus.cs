namespace EcomOps.Grains.Tenancy;

public enum RefreshStatus
{
    Rotated,
    Invalid,
    /// <summary>An already rotated token came back: its whole family is revoked.</summary>
    ReuseDetected,
}
