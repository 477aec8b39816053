namespace EcomOps.Sandboxes.NetSuite;

/// <summary>What the sandbox saw: requests in flight now, the most at once, all requests, and those refused over the limit.</summary>
public sealed record SandboxStats(int InFlight, int PeakConcurrency, long Requests, long RejectedOverLimit);
