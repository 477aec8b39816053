namespace EcomOps.Runtime.Concurrency;

/// <summary>Marks an interface method whose calls may interleave with any other request of the activation.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
