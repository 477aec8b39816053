namespace EcomOps.Grains.NetSuite;

/// <summary>A TBA integration's keys and access token. Written, never read back: no API returns them.</summary>
public sealed record TbaSecrets(string ConsumerKey, string ConsumerSecret, string TokenId, string TokenSecret)
{
    public override string ToString() => "TbaSecrets { *** }";
}
