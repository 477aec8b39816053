namespace EcomOps.WebFrontend.Api;

public sealed record CreateApiKeyRequest(string? Name, string? Scope);
