namespace EcomOps.Runtime.Tests.Grains;

public sealed record TickRecord(DateTimeOffset ReceivedAt, DateTimeOffset DueAt, int MissedTicks, string Silo);
