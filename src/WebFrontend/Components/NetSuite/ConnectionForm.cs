using EcomOps.WebFrontend.Api.NetSuite;

namespace EcomOps.WebFrontend.Components.NetSuite;

/// <summary>The connection form's fields. The secret fields are never filled in from what is stored (nothing is ever
/// read back); left empty on an edit, the stored credentials stay.</summary>
public sealed class ConnectionForm
{
    public string? Name { get; set; }

    public string? AccountId { get; set; }

    public string? RestletUrl { get; set; }

    public string? AuthMethod { get; set; }

    public string? ConsumerKey { get; set; }

    public string? ConsumerSecret { get; set; }

    public string? TokenId { get; set; }

    public string? TokenSecret { get; set; }

    public ConnectionRequest ToRequest()
    {
        var anySecret = new[] { ConsumerKey, ConsumerSecret, TokenId, TokenSecret }.Any(s => !string.IsNullOrWhiteSpace(s));
        return new ConnectionRequest(Name, AccountId, RestletUrl, AuthMethod, anySecret ? new TbaRequest(ConsumerKey, ConsumerSecret, TokenId, TokenSecret) : null);
    }

    public override string ToString() => $"ConnectionForm {{ Name = {Name}, AccountId = {AccountId}, secrets = *** }}";
}
