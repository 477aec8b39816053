namespace EcomOps.Grains.NetSuite;

/// <summary>What a NetSuite connection is. The credentials of <see cref="AuthMethod"/> (<see cref="Tba"/> or
/// <see cref="OAuth2"/>) may be null on update to keep the stored ones.</summary>
public sealed record ConnectionSettings(string Name, string AccountId, Uri RestletUrl, NetSuiteAuthMethod AuthMethod, TbaSecrets? Tba, OAuth2Secrets? OAuth2 = null);
