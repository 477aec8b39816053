namespace EcomOps.Runtime;

/// <summary>A silo's life in the membership table. Only Active and ShuttingDown silos own grains.</summary>
public enum SiloStatus
{
    Joining,
    Active,
    ShuttingDown,
    Dead,
}
