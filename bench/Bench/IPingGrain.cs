using EcomOps.Runtime;

namespace EcomOps.Bench;

public interface IPingGrain : IGrainWithStringKey
{
    Task<int> PingAsync(int value);
}
