namespace EcomOps.Grains.Common;

/// <summary>Who does something, for the audit trail.</summary>
public sealed record Actor(ActorType Type, string Id, string Name)
{
    public static Actor System { get; } = new(ActorType.System, "system", "System");
}
