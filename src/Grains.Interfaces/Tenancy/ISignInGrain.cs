using EcomOps.Runtime;

namespace EcomOps.Grains.Tenancy;

/// <summary>Sign-in by email, keyed by the normalized email: finds the tenant the email belongs to and checks the password there.</summary>
public interface ISignInGrain : IGrainWithStringKey
{
    Task<SignInResult> SignInAsync(string password);
}
