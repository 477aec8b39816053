namespace EcomOps.Runtime.Reminders;

/// <summary>A reminder whose tick is due, as read with the database's clock; once claimed, <see cref="Now"/> is the
/// claim's time and <see cref="Version"/> the claim's version.</summary>
internal sealed record DueReminder(GrainId Grain, string Name, TimeSpan Period, DateTimeOffset FirstDue, DateTimeOffset Due, long Version, DateTimeOffset Now)
{
    /// <summary>The latest due time this delivery covers: a coalesced tick stands for the most recent one it replaces.</summary>
    public DateTimeOffset CurrentTickTime => Due + (Period * MissedTicks);

    /// <summary>Ticks that fell due before this one and were never delivered; they are coalesced into this tick.</summary>
    public int MissedTicks => (int)Math.Min(int.MaxValue, Math.Max(0, (Now - Due).Ticks / Period.Ticks));
}
