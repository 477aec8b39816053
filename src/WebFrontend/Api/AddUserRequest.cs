namespace EcomOps.WebFrontend.Api;

/// <summary>Adds a user; without a password, a temporary one is made and returned once.</summary>
public sealed record AddUserRequest(string? Email, string? DisplayName, string? Role, string? Password);
