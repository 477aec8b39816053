namespace EcomOps.Grains.Tenancy;

public sealed record AuditEvent(
    long Id,
    DateTimeOffset OccurredAt,
    string ActorType,
    string ActorId,
    string ActorName,
    string Action,
    string Target,
    string Outcome,
    string? CorrelationId,
    string? Details);
