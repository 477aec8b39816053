namespace EcomOps.Grains.Tenancy;

/// <summary>The outcome of a password check. A failure never says whether the email exists.</summary>
public sealed record SignInResult(SignInStatus Status, Guid TenantId, Member? Member, DateTimeOffset? LockedUntil)
{
    public static SignInResult Failed { get; } = new(SignInStatus.Failed, Guid.Empty, null, null);
}
