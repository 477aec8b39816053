namespace EcomOps.Runtime.Concurrency;

/// <summary>Declares a type immutable, so the runtime passes instances between activations of one silo
/// without copying them.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ImmutableAttribute : Attribute;
