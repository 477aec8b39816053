using System.Text.Json;

namespace EcomOps.Grains.NetSuite;

/// <summary>A contract error: UNKNOWN_SEARCH, BAD_FILTER, BAD_COLUMN, PERMISSION_DENIED, GOVERNANCE_EXHAUSTED, BAD_REQUEST or UNEXPECTED.</summary>
public sealed record RestletError(string Code, string Message, JsonElement? Details);
