using EcomOps.Runtime;

namespace EcomOps.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task<string> GetSiloAsync();

    Task<string?> GetEtagAsync();

    Task DeactivateAsync();
}
