namespace EcomOps.Runtime;

/// <summary>Names a grain class's type, the name under which its state and reminders are stored.
/// Without it, the class name less a trailing "Grain", lower-cased, is used (as Orleans does).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    public string GrainType { get; } = grainType;
}
