namespace EcomOps.Grains.NetSuite;

/// <summary>One page of a SuiteQL answer: its rows, whether more follow, where it starts, how many rows the query has in
/// all, and NetSuite's paging links.</summary>
public sealed record SuiteQlPage(IReadOnlyList<SuiteQlRow> Items, int Count, bool HasMore, int Offset, long TotalResults, IReadOnlyList<SuiteQlLink> Links);
