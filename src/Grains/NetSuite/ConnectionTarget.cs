using System.Text.Json;
using EcomOps.Grains.Security;

namespace EcomOps.Grains.NetSuite;

/// <summary>Where a connection points and its credentials, still encrypted.</summary>
internal sealed record ConnectionTarget(string ConnectionKey, string Name, string AccountId, Uri RestletUrl, NetSuiteAuthMethod AuthMethod, byte[] ProtectedSecrets)
{
    /// <summary>Binds the ciphertext to its connection: secrets copied onto another connection do not open.</summary>
    public static string SecretPurpose(string connectionKey) => "netsuite-connection:" + connectionKey;

    public TbaCredentials TbaCredentials(SecretProtector secrets)
    {
        var tba = JsonSerializer.Deserialize<TbaSecrets>(secrets.Unprotect(ProtectedSecrets, SecretPurpose(ConnectionKey)))!;
        return new TbaCredentials(AccountId, tba.ConsumerKey, tba.ConsumerSecret, tba.TokenId, tba.TokenSecret);
    }

    public override string ToString() => $"ConnectionTarget {{ {Name}, {AccountId}, {RestletUrl} }}";
}
