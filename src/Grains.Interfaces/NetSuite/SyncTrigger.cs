namespace EcomOps.Grains.NetSuite;

public enum SyncTrigger
{
    /// <summary>Someone asked (run now, in the portal, the API or an agent).</summary>
    Manual,

    Schedule,
}
