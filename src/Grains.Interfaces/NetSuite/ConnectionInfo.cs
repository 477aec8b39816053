namespace EcomOps.Grains.NetSuite;

/// <summary>A connection as anyone may see it: everything but its secrets.</summary>
public sealed record ConnectionInfo(
    Guid ConnectionId,
    string Name,
    string AccountId,
    Uri RestletUrl,
    NetSuiteAuthMethod AuthMethod,
    bool HasCredentials,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ConnectionTestResult? LastTest);
