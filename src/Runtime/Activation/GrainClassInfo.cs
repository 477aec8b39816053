using System.Reflection;
using EcomOps.Runtime.Concurrency;

namespace EcomOps.Runtime.Activation;

/// <summary>A grain class as the silo knows it: its grain type name, the interfaces it serves, how it interleaves.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type classType)
    {
        ClassType = classType;
        GrainType = classType.GetCustomAttribute<GrainTypeAttribute>()?.GrainType ?? DefaultName(classType);
        Reentrant = classType.GetCustomAttribute<ReentrantAttribute>() is not null;
        Interfaces = classType.GetInterfaces()
            .Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain) && i != typeof(IGrainWithStringKey))
            .ToArray();
        Constructor = classType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {classType.FullName} has no public constructor.");
    }

    public Type ClassType { get; }

    public string GrainType { get; }

    public bool Reentrant { get; }

    public IReadOnlyList<Type> Interfaces { get; }

    public ConstructorInfo Constructor { get; }

    private static string DefaultName(Type type)
    {
        var name = type.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
