namespace EcomOps.Grains.Tenancy;

/// <summary>Whether a metered call may go ahead; when not, how long until it may.</summary>
public sealed record RateLimitDecision(bool Allowed, TimeSpan RetryAfter, int Remaining);
