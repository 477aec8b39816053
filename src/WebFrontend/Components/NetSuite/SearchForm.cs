using System.Globalization;
using EcomOps.WebFrontend.Api.NetSuite;

namespace EcomOps.WebFrontend.Components.NetSuite;

/// <summary>The add-a-search form: which saved search, what to call it, how and when it syncs.</summary>
public sealed class SearchForm
{
    public string? SearchId { get; set; }

    public string? Name { get; set; }

    public string? Mode { get; set; }

    public string? ScheduleKind { get; set; }

    public string? EveryMinutes { get; set; }

    public string? DailyAt { get; set; }

    public SearchRequest ToRequest() =>
        new(Name, Mode, new ScheduleRequest(ScheduleKind, int.TryParse(EveryMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? minutes : null, DailyAt));
}
