namespace EcomOps.Grains.Tenancy;

public sealed class TenantState
{
    public bool Exists { get; set; }

    public string Name { get; set; } = "";

    public Plan Plan { get; set; }

    public DateTimeOffset? TrialExpiresAt { get; set; }

    public string TimeZone { get; set; } = "UTC";

    public DateTimeOffset CreatedAt { get; set; }

    public GovernancePolicy Governance { get; set; } = GovernancePolicy.Default;
}
