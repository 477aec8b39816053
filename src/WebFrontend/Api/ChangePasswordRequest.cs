namespace EcomOps.WebFrontend.Api;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
