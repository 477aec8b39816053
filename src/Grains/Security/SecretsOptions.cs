namespace EcomOps.Grains.Security;

/// <summary>Keys that encrypt stored secrets such as NetSuite credentials (configuration section "Secrets"). Old keys
/// stay listed after a rotation so what they encrypted can still be read, and re-encrypted under the active key.</summary>
public sealed class SecretsOptions
{
    /// <summary>The key new secrets are encrypted with.</summary>
    public string ActiveKeyId { get; set; } = "";

    /// <summary>Key id to a base64 256-bit key.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];
}
