namespace EcomOps.Grains.NetSuite;

/// <summary>Token-Based Authentication credentials of one NetSuite integration and access token.</summary>
public sealed record TbaCredentials(string AccountId, string ConsumerKey, string ConsumerSecret, string TokenId, string TokenSecret)
{
    // Records print their members; these hold secrets, which must never reach a log.
    public override string ToString() => $"TbaCredentials {{ AccountId = {AccountId}, ConsumerKey = ***, TokenId = *** }}";
}
