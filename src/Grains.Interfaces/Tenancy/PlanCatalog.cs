namespace EcomOps.Grains.Tenancy;

/// <summary>The entitlements of each plan.</summary>
public static class PlanCatalog
{
    public static readonly TimeSpan TrialLength = TimeSpan.FromDays(14);

    public static Entitlements For(Plan plan) => plan switch
    {
        Plan.Trial => new Entitlements(MaxConnections: 1, MaxSavedSearches: 5, MinSyncIntervalMinutes: 60, ApiCallsPerMinute: 60, McpCallsPerMinute: 30, Seats: 5, DataRetentionDays: 30),
        Plan.Pro => new Entitlements(MaxConnections: 5, MaxSavedSearches: 50, MinSyncIntervalMinutes: 15, ApiCallsPerMinute: 600, McpCallsPerMinute: 120, Seats: 25, DataRetentionDays: 365),
        Plan.Enterprise => new Entitlements(MaxConnections: 50, MaxSavedSearches: 1000, MinSyncIntervalMinutes: 5, ApiCallsPerMinute: 6000, McpCallsPerMinute: 1200, Seats: 1000, DataRetentionDays: 2555),
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, "Unknown plan."),
    };
}
