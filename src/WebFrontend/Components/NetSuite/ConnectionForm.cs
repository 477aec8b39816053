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

    public string? ClientId { get; set; }

    public string? CertificateId { get; set; }

    public string? PrivateKeyPem { get; set; }

    /// <summary>The request this form makes: credentials of a method are sent only when some of their fields are filled in.</summary>
    public ConnectionRequest ToRequest() =>
        new(Name, AccountId, RestletUrl, AuthMethod,
            Any(ConsumerKey, ConsumerSecret, TokenId, TokenSecret) ? new TbaRequest(ConsumerKey, ConsumerSecret, TokenId, TokenSecret) : null,
            Any(ClientId, CertificateId, PrivateKeyPem) ? new OAuth2Request(ClientId, CertificateId, PrivateKeyPem) : null);

    private static bool Any(params string?[] values) => values.Any(v => !string.IsNullOrWhiteSpace(v));

    public override string ToString() => $"ConnectionForm {{ Name = {Name}, AccountId = {AccountId}, secrets = *** }}";
}
