namespace EcomOps.WebFrontend.Api.NetSuite;

/// <summary>Adds a saved search to a connection or changes its sync: a display name (default: the search id), the mode
/// (Full or Incremental, default Full) and the schedule (default Manual).</summary>
public sealed record SearchRequest(string? Name, string? Mode, ScheduleRequest? Schedule);
