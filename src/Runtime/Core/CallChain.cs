namespace EcomOps.Runtime;

/// <summary>The grains a request has passed through, newest first. A request that arrives at a busy grain
/// already on its own chain is a call back into a turn that is waiting for it, so it may run at once.</summary>
internal sealed class CallChain(GrainId grain, CallChain? caller)
{
    public GrainId Grain { get; } = grain;

    public CallChain? Caller { get; } = caller;

    public bool Contains(GrainId grain)
    {
        for (var link = this; link is not null; link = link.Caller)
        {
            if (link.Grain == grain)
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<GrainId> Reverse()
    {
        var list = new List<GrainId>();
        for (var link = this; link is not null; link = link.Caller)
        {
            list.Add(link.Grain);
        }

        list.Reverse();
        return list;
    }

    public static CallChain? FromList(IReadOnlyList<GrainId> grains)
    {
        CallChain? chain = null;
        foreach (var grain in grains)
        {
            chain = new CallChain(grain, chain);
        }

        return chain;
    }
}
