namespace EcomOps.WebFrontend.Api;

public sealed record LoginRequest(string? Email, string? Password);
