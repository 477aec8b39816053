using EcomOps.Runtime;
using Microsoft.AspNetCore.Identity;

namespace EcomOps.Grains.Tenancy;

/// <summary>Sign-in by email. Keyed by the normalized email, so attempts on one account run one at a time.</summary>
public sealed class SignInGrain(TenancyDatabase database) : Grain, ISignInGrain
{
    // Hashing something for unknown emails keeps the answer time the same, so timing does not reveal which emails exist.
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly string UnknownUserHash = Hasher.HashPassword(new object(), "not-a-real-password");

    public async Task<SignInResult> SignInAsync(string password)
    {
        if (await database.FindSignInAsync(GetPrimaryKeyString()) is not var (tenantId, userId))
        {
            Hasher.VerifyHashedPassword(new object(), UnknownUserHash, password ?? "");
            return SignInResult.Failed;
        }

        return await GrainFactory.GetGrain<ITenantGrain>(tenantId.ToString("N")).VerifyPasswordAsync(userId, password);
    }
}
