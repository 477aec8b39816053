namespace EcomOps.Runtime.Management;

/// <summary>A silo's membership row and, when it answered, its activation count per grain type.</summary>
public sealed record SiloSnapshot(
    string Address,
    SiloStatus Status,
    string HostName,
    DateTimeOffset StartTime,
    double HeartbeatAgeSeconds,
    IReadOnlyDictionary<string, int>? ActivationsByGrainType);
