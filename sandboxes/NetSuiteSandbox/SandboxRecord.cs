namespace EcomOps.Sandboxes.NetSuite;

/// <summary>One record of a data set: its internal id, field values, and when it last changed.</summary>
public sealed record SandboxRecord(long Id, IReadOnlyDictionary<string, string?> Fields, DateTimeOffset LastModified);
