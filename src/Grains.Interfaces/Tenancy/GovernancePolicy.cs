namespace EcomOps.Grains.Tenancy;

/// <summary>What AI agents may use: the MCP tools allowed, and the result fields redacted before they leave.</summary>
public sealed record GovernancePolicy(IReadOnlyList<string> AllowedTools, IReadOnlyList<string> RedactedFields)
{
    public static GovernancePolicy Default { get; } = new(["suiteql", "reconciliation", "reports", "schedules"], ["email", "phone", "address"]);
}
