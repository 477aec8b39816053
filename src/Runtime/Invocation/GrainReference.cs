using System.Reflection;

namespace EcomOps.Runtime.Invocation;

/// <summary>The proxy behind every grain reference: turns each interface call into a message.</summary>
public class GrainReference : DispatchProxy
{
    internal GrainCallRouter Router { get; private set; } = null!;

    internal Type InterfaceType { get; private set; } = null!;

    /// <summary>The grain's key.</summary>
    public string Key { get; private set; } = null!;

    internal static TGrainInterface Create<TGrainInterface>(GrainCallRouter router, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var proxy = Create<TGrainInterface, GrainReference>();
        var reference = (GrainReference)(object)proxy!;
        reference.Router = router;
        reference.InterfaceType = typeof(TGrainInterface);
        reference.Key = key;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        Router.Invoke(InterfaceType, Key, MethodDescriptor.For(targetMethod!), args ?? []);

    public override string ToString() => $"{InterfaceType.Name}/{Key}";
}
