namespace EcomOps.Grains.Tenancy;

/// <summary>What a plan allows.</summary>
public sealed record Entitlements(
    int MaxConnections,
    int MaxSavedSearches,
    int MinSyncIntervalMinutes,
    int ApiCallsPerMinute,
    int McpCallsPerMinute,
    int Seats,
    int DataRetentionDays);
