namespace EcomOps.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,
    /// <summary>It received no call or reminder for longer than the collection age.</summary>
    IdleCollection,
    /// <summary>Another silo owns the grain now (a silo joined or left).</summary>
    OwnershipMoved,
    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,
    /// <summary>A write found newer state in storage: this activation is stale.</summary>
    InconsistentState,
}
