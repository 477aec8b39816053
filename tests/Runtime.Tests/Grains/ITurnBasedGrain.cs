namespace EcomOps.Runtime.Tests.Grains;

public interface ITurnBasedGrain : IConcurrencyGrain;
