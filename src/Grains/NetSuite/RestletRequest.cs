namespace EcomOps.Grains.NetSuite;

/// <summary>A request to the saved-search RESTlet (docs/netsuite-restlet.md). Null fields are left out.</summary>
public sealed record RestletRequest
{
    public string? SearchId { get; init; }

    public string? Type { get; init; }

    public System.Text.Json.JsonElement? Filters { get; init; }

    public IReadOnlyList<RestletColumn>? Columns { get; init; }

    public int? PageSize { get; init; }

    public int? PageIndex { get; init; }

    public int? Pages { get; init; }

    public DateTimeOffset? ModifiedAfter { get; init; }

    public string? ModifiedField { get; init; }

    public RestletIdRange? IdRange { get; init; }

    public int? MinUsage { get; init; }
}
