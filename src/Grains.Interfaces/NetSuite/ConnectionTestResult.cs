namespace EcomOps.Grains.NetSuite;

public sealed record ConnectionTestResult(ConnectionTestOutcome Outcome, string Message, DateTimeOffset TestedAt);
