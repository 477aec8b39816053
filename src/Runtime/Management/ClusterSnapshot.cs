namespace EcomOps.Runtime.Management;

/// <summary>The cluster at one moment: every silo in the membership table, and the reminders due soonest.</summary>
public sealed record ClusterSnapshot(string ClusterId, long MembershipVersion, IReadOnlyList<SiloSnapshot> Silos, IReadOnlyList<ReminderSnapshot> DueReminders);
