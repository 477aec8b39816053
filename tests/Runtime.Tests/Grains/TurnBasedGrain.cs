namespace EcomOps.Runtime.Tests.Grains;

public sealed class TurnBasedGrain : ConcurrencyGrainBase, ITurnBasedGrain;
