namespace EcomOps.Runtime.Concurrency;

/// <summary>Lets the activation interleave requests at await points. Execution stays single-threaded.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
