namespace EcomOps.WebFrontend.Api;

public sealed record UpdateTenantRequest(string? Name, string? TimeZone, List<string>? AllowedTools, List<string>? RedactedFields);
