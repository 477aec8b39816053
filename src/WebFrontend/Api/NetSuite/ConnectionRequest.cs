using System.Text.Json.Serialization;

namespace EcomOps.WebFrontend.Api.NetSuite;

/// <summary>Creates or changes a NetSuite connection. <see cref="AuthMethod"/> (Tba, the default, or
/// OAuth2ClientCredentials) says which credentials it signs with: <see cref="Tba"/> or <see cref="OAuth2"/>, required on
/// create and when the method changes; on other updates, leaving them out keeps the stored ones.</summary>
public sealed record ConnectionRequest(
    string? Name,
    string? AccountId,
    string? RestletUrl,
    string? AuthMethod,
    TbaRequest? Tba,
    [property: JsonPropertyName("oauth2")] OAuth2Request? OAuth2 = null);
