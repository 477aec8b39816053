namespace EcomOps.Grains.NetSuite;

/// <summary>A RESTlet answer with its rows staged for COPY, and the attempts it took.</summary>
internal sealed record FetchedPage(RestletResponse Response, StagedRows Rows, int Attempts);
