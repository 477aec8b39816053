namespace EcomOps.WebFrontend.Api.NetSuite;

/// <summary>Creates or changes a NetSuite connection. <see cref="Tba"/> is required on create; on update, leaving it
/// out keeps the stored credentials. <see cref="AuthMethod"/> defaults to Tba.</summary>
public sealed record ConnectionRequest(string? Name, string? AccountId, string? RestletUrl, string? AuthMethod, TbaRequest? Tba);
