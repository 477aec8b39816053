namespace EcomOps.WebFrontend.Api.NetSuite;

/// <summary>A TBA integration's consumer key and secret and its access token's id and secret: written, never returned.</summary>
public sealed record TbaRequest(string? ConsumerKey, string? ConsumerSecret, string? TokenId, string? TokenSecret)
{
    // Records print their members; these hold secrets, which must never reach a log.
    public override string ToString() => "TbaRequest { *** }";
}
