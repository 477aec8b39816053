namespace EcomOps.Runtime.Tests.Grains;

public sealed record ValueSnapshot(string? Value, string? Etag, bool RecordExists, List<string> History);
