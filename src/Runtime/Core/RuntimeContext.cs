namespace EcomOps.Runtime;

/// <summary>What the runtime knows about the code running now: the grain whose turn it is, if any.
/// Log enrichers read it so every line written inside a grain call names the grain.</summary>
public static class RuntimeContext
{
    // One async-local for both the request context and the call chain: entering a turn sets it once.
    private static readonly AsyncLocal<CallScope?> Scope = new();

    /// <summary>The grain whose turn is running on this async flow, or null outside grains.</summary>
    public static GrainId? CurrentGrain => Scope.Value?.Chain?.Grain;

    internal static CallChain? CurrentChain => Scope.Value?.Chain;

    internal static IReadOnlyDictionary<string, string>? CurrentValues => Scope.Value?.Values;

    /// <summary>Enters a turn: the request's context and the chain that now ends in this grain.</summary>
    internal static void Enter(IReadOnlyDictionary<string, string>? values, CallChain? chain) =>
        Scope.Value = values is null && chain is null ? null : new CallScope(values, chain);

    internal static void SetValues(IReadOnlyDictionary<string, string>? values) => Enter(values, Scope.Value?.Chain);

    private sealed record CallScope(IReadOnlyDictionary<string, string>? Values, CallChain? Chain);
}
