namespace EcomOps.Runtime;

/// <summary>A grain factory for code outside the cluster (web frontend, tools, tests). It routes each call
/// straight to the silo that owns the grain.</summary>
public interface IClusterClient : IGrainFactory
{
    /// <summary>The cluster this client talks to.</summary>
    string ClusterId { get; }
}
