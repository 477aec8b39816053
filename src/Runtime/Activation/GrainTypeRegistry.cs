using System.Reflection;
using EcomOps.Runtime.Invocation;

namespace EcomOps.Runtime.Activation;

/// <summary>The grain classes a silo hosts, found in the assemblies it was given, with the interface-to-type
/// manifest that clients fetch and the wire names of every callable method.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainClassInfo> byInterface = [];
    private readonly Dictionary<string, GrainClassInfo> byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MethodDescriptor> byWireName = new(StringComparer.Ordinal);
    private readonly HashSet<Type> ambiguous = [];

    public GrainTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        var classes = assemblies.Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(Grain).IsAssignableFrom(t))
            .Select(t => new GrainClassInfo(t));
        foreach (var info in classes)
        {
            if (byType.TryGetValue(info.GrainType, out var clash))
            {
                throw new InvalidOperationException(
                    $"Grain classes {clash.ClassType.FullName} and {info.ClassType.FullName} share the grain type name '{info.GrainType}'; give one a [GrainType] attribute.");
            }

            byType[info.GrainType] = info;
            foreach (var grainInterface in info.Interfaces)
            {
                foreach (var method in grainInterface.GetMethods())
                {
                    var descriptor = MethodDescriptor.For(method);
                    byWireName[descriptor.WireName] = descriptor;
                }

                if (grainInterface == typeof(IRemindable))
                {
                    continue;
                }

                if (!byInterface.TryAdd(grainInterface, info))
                {
                    // A shared base interface: fine to implement, ambiguous to GetGrain by.
                    ambiguous.Add(grainInterface);
                }
            }
        }

        foreach (var grainInterface in ambiguous)
        {
            byInterface.Remove(grainInterface);
        }

        Manifest = byInterface.ToDictionary(p => p.Key.FullName!, p => p.Value.GrainType, StringComparer.Ordinal);
    }

    /// <summary>Interface full name to grain type name, served to clients. Interfaces that several grain
    /// classes implement are left out: a reference needs exactly one class behind it.</summary>
    public IReadOnlyDictionary<string, string> Manifest { get; }

    public IEnumerable<GrainClassInfo> Classes => byType.Values;

    public bool TryGetByInterface(Type grainInterface, out GrainClassInfo info) => byInterface.TryGetValue(grainInterface, out info!);

    public bool TryGetByType(string grainType, out GrainClassInfo info) => byType.TryGetValue(grainType, out info!);

    public bool TryGetMethod(string wireName, out MethodDescriptor method) => byWireName.TryGetValue(wireName, out method!);
}
