using System.Security.Claims;
using EcomOps.Grains.Tenancy;

namespace EcomOps.WebFrontend.Auth;

/// <summary>Rules on managing members beyond the permission matrix: only an Owner makes, changes or removes an Owner.</summary>
public static class MemberRules
{
    public static void EnsureMayManage(ClaimsPrincipal caller, Role targetRole, Role? newRole = null)
    {
        if ((targetRole == Role.Owner || newRole == Role.Owner) && caller.Role() != Role.Owner)
        {
            throw new PermissionDeniedException("Only an Owner can make, change or remove an Owner.");
        }
    }
}
