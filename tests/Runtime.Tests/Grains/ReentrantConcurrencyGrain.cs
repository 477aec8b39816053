using EcomOps.Runtime.Concurrency;

namespace EcomOps.Runtime.Tests.Grains;

[Reentrant]
public sealed class ReentrantConcurrencyGrain : ConcurrencyGrainBase, IReentrantConcurrencyGrain;
