namespace EcomOps.Grains.NetSuite;

public sealed class AccountConcurrencyState
{
    /// <summary>NetSuite's smallest tier allows 5 concurrent requests.</summary>
    public int Limit { get; set; } = 5;

    public Dictionary<Guid, HeldLease> Leases { get; set; } = [];

    public int PeakInUse { get; set; }

    public long Granted { get; set; }

    public long Reclaimed { get; set; }
}
