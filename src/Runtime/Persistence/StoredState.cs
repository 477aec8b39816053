namespace EcomOps.Runtime.Persistence;

/// <summary>A state record as read: its JSON payload (null when cleared or absent) and its etag.</summary>
public sealed record StoredState(string? Payload, string? Etag);
