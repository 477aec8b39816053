using EcomOps.Runtime;

namespace EcomOps.Runtime.Tests.Grains;

public interface IBufferedCounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();
}
