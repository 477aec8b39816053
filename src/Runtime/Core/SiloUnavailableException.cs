namespace EcomOps.Runtime;

/// <summary>No silo could take the call: none is active in the cluster, or the one that owns the grain cannot be reached.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
