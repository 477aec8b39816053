using EcomOps.Grains.Tenancy;

namespace EcomOps.WebFrontend.Api;

public sealed record AddedUserResponse(Member User, string? TemporaryPassword);
