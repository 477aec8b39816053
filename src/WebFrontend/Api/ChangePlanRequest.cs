namespace EcomOps.WebFrontend.Api;

public sealed record ChangePlanRequest(string? Plan);
