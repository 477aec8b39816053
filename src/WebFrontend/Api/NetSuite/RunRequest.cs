namespace EcomOps.WebFrontend.Api.NetSuite;

/// <summary>Runs a sync now, in <see cref="Mode"/> (Full or Incremental) or, without it, in the sync's own mode.</summary>
public sealed record RunRequest(string? Mode);
