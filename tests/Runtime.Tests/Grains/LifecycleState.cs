namespace EcomOps.Runtime.Tests.Grains;

public sealed class LifecycleState
{
    public int Activations { get; set; }

    public List<string> Deactivations { get; set; } = [];
}
