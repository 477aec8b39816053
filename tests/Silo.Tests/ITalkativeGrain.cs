using EcomOps.Runtime;

namespace EcomOps.Silo.Tests;

public interface ITalkativeGrain : IGrainWithStringKey
{
    Task SayAsync(string text);
}
