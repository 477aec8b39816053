namespace EcomOps.WebFrontend.Api;

public sealed record ChangeRoleRequest(string? Role);
