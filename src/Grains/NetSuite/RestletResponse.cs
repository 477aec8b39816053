namespace EcomOps.Grains.NetSuite;

/// <summary>The RESTlet's answer: a page of rows with its columns and paging, or an error.</summary>
public sealed record RestletResponse
{
    public bool Ok { get; init; }

    public int Version { get; init; }

    public IReadOnlyList<RestletColumn> Columns { get; init; } = [];

    public IReadOnlyList<RestletRow> Rows { get; init; } = [];

    public int PageIndex { get; init; }

    public int PageSize { get; init; }

    public int PageCount { get; init; }

    public long Total { get; init; }

    public int? NextPageIndex { get; init; }

    public RestletContinuation? Continuation { get; init; }

    public int? RemainingUsage { get; init; }

    public RestletError? Error { get; init; }
}
