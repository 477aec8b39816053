namespace EcomOps.WebFrontend.Api.NetSuite;

/// <summary>When a sync runs by itself: <c>Manual</c>; <c>Interval</c> every <see cref="EveryMinutes"/> minutes; or
/// <c>Daily</c> at <see cref="DailyAt"/> ("HH:mm") in the tenant's time zone.</summary>
public sealed record ScheduleRequest(string? Kind, int? EveryMinutes, string? DailyAt);
