namespace EcomOps.Grains.NetSuite;

/// <summary>Where to resume when the RESTlet stopped early to stay within governance.</summary>
public sealed record RestletContinuation(int PageIndex);
