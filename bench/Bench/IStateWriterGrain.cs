using EcomOps.Runtime;

namespace EcomOps.Bench;

public interface IStateWriterGrain : IGrainWithStringKey
{
    Task WriteAsync(int value);
}
