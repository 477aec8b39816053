using EcomOps.Runtime.Hosting;
using EcomOps.Runtime.Membership;
using EcomOps.Runtime.Reminders;
using EcomOps.Runtime.Transport;
using Microsoft.Extensions.Options;

namespace EcomOps.Runtime.Management;

[GrainType("rt-management")]
internal sealed class ManagementGrain(
    MembershipTable membership,
    RemoteSiloClient remote,
    ReminderRegistry reminders,
    IOptions<ReminderOptions> reminderOptions) : Grain, IManagementGrain
{
    public const string Key = "cluster";

    private static readonly TimeSpan DueHorizon = TimeSpan.FromMinutes(10);

    public async Task<ClusterSnapshot> GetClusterSnapshotAsync()
    {
        var view = await membership.ReadAsync(CancellationToken.None);
        var silos = await Task.WhenAll(view.Silos.Select(async silo =>
        {
            IReadOnlyDictionary<string, int>? counts = null;
            if (silo.Status is SiloStatus.Active or SiloStatus.ShuttingDown)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    counts = await remote.GetAsync<Dictionary<string, int>>(silo.Address, "rt/stats", timeout.Token);
                }
                catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
                {
                    // A silo that does not answer shows without counts; its row still tells its status and heartbeat age.
                }
            }

            return new SiloSnapshot(silo.Address.ToString(), silo.Status, silo.HostName, silo.StartTime, silo.HeartbeatAge.TotalSeconds, counts);
        }));
        var due = await reminders.ReadDueAsync(DueHorizon, reminderOptions.Value.MaxTicksPerPoll, CancellationToken.None);
        return new ClusterSnapshot(
            membership.ClusterId,
            view.Version,
            silos,
            due.Select(r => new ReminderSnapshot(r.Grain.ToString(), r.Name, r.Period, r.Due)).ToList());
    }
}
