namespace EcomOps.Runtime.Tests.Grains;

public interface IReentrantConcurrencyGrain : IConcurrencyGrain;
