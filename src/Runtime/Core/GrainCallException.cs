namespace EcomOps.Runtime;

/// <summary>An exception thrown by a grain on another silo whose type the caller cannot rebuild.</summary>
public sealed class GrainCallException(string originalType, string message) : Exception(message)
{
    /// <summary>The assembly-qualified name of the exception type the grain threw.</summary>
    public string OriginalType { get; } = originalType;
}
