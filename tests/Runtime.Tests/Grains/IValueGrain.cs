using EcomOps.Runtime;

namespace EcomOps.Runtime.Tests.Grains;

public interface IValueGrain : IGrainWithStringKey
{
    Task SetAsync(string value);

    Task<ValueSnapshot> ReadAsync();

    Task ClearAsync();
}
