namespace EcomOps.Runtime;

/// <summary>What the runtime knows about the code running now: the grain whose turn it is, if any.
/// Log enrichers read it so every line written inside a grain call names the grain.</summary>
public static class RuntimeContext
{
    private static readonly AsyncLocal<CallChain?> Chain = new();

    /// <summary>The grain whose turn is running on this async flow, or null outside grains.</summary>
    public static GrainId? CurrentGrain => Chain.Value?.Grain;

    internal static CallChain? CurrentChain
    {
        get => Chain.Value;
        set => Chain.Value = value;
    }
}
