namespace EcomOps.WebFrontend.Auth;

public static class EcomClaimTypes
{
    public const string TenantId = "tid";
    public const string UserId = "sub";
    public const string Role = "role";
    public const string Name = "name";
    public const string Email = "email";
    public const string ApiKeyId = "kid";
    public const string ActorType = "act";
}
