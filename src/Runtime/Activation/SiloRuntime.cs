using EcomOps.Runtime.Invocation;
using EcomOps.Runtime.Membership;
using EcomOps.Runtime.Reminders;
using EcomOps.Runtime.Transport;
using Microsoft.Extensions.Logging;

namespace EcomOps.Runtime.Activation;

/// <summary>The grain factory inside a silo: calls to grains this silo owns go straight to its catalog,
/// the rest over HTTP/2 to their owners.</summary>
internal sealed class SiloRuntime : GrainCallRouter
{
    private readonly Catalog catalog;

    public SiloRuntime(
        Catalog catalog,
        MembershipViewSource membership,
        RemoteSiloClient remote,
        CallTracker tracker,
        ReminderRegistry reminders,
        TimeSpan responseTimeout,
        ILogger<SiloRuntime> logger)
        : base(membership, remote, tracker, responseTimeout, logger)
    {
        this.catalog = catalog;
        Reminders = reminders;
        catalog.Runtime = this;
    }

    /// <summary>This silo's address; set once its endpoint is bound, before it joins.</summary>
    public SiloAddress Self { get; set; } = new("0.0.0.0", 0, 0);

    public ReminderRegistry Reminders { get; }

    protected override bool TryResolveGrainType(Type interfaceType, out string grainType)
    {
        if (catalog.Registry.TryGetByInterface(interfaceType, out var info))
        {
            grainType = info.GrainType;
            return true;
        }

        grainType = "";
        return false;
    }

    protected override bool IsLocal(SiloAddress owner) => owner == Self;

    protected override void DispatchLocal(GrainRequest request) => catalog.Dispatch(request);
}
