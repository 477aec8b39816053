namespace EcomOps.Grains.NetSuite;

/// <summary>What a NetSuite connection is. <see cref="Tba"/> may be null on update to keep the stored credentials.</summary>
public sealed record ConnectionSettings(string Name, string AccountId, Uri RestletUrl, NetSuiteAuthMethod AuthMethod, TbaSecrets? Tba);
