namespace EcomOps.WebFrontend.Api;

public sealed record RefreshRequest(string? RefreshToken);
