namespace EcomOps.Grains.NetSuite;

/// <summary>A paging link of a SuiteQL answer: <c>self</c>, <c>first</c>, <c>prev</c>, <c>next</c> or <c>last</c>.</summary>
public sealed record SuiteQlLink(string Rel, Uri Href);
