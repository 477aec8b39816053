using System.Security.Cryptography;
using EcomOps.Grains.Security;
using Microsoft.Extensions.Options;

namespace EcomOps.Grains.Tests.Security;

public sealed class SecretProtectorTests
{
    private static readonly string KeyOne = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyTwo = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void RoundTripsWithoutLeavingThePlaintextInTheOutput()
    {
        var protector = Protector("k1", ("k1", KeyOne));
        var sealedSecret = protector.Protect("token-secret-value", "connection:a");
        Assert.DoesNotContain("token-secret-value", System.Text.Encoding.UTF8.GetString(sealedSecret));
        Assert.Equal("token-secret-value", protector.Unprotect(sealedSecret, "connection:a"));
        Assert.NotEqual(sealedSecret, protector.Protect("token-secret-value", "connection:a"));
    }

    [Fact]
    public void RefusesAlteredDataAndDataOfAnotherRecord()
    {
        var protector = Protector("k1", ("k1", KeyOne));
        var sealedSecret = protector.Protect("secret", "connection:a");
        Assert.Throws<CryptographicException>(() => protector.Unprotect(sealedSecret, "connection:b"));
        sealedSecret[^1] ^= 1;
        Assert.Contains("altered", Assert.Throws<CryptographicException>(() => protector.Unprotect(sealedSecret, "connection:a")).Message);
        Assert.Throws<CryptographicException>(() => protector.Unprotect([9, 9, 9], "connection:a"));
    }

    [Fact]
    public void KeysRotateOldSecretsStillReadAndAreFlaggedForReEncryption()
    {
        var before = Protector("k1", ("k1", KeyOne)).Protect("secret", "p");
        var rotated = Protector("k2", ("k1", KeyOne), ("k2", KeyTwo));
        Assert.Equal("secret", rotated.Unprotect(before, "p"));
        Assert.True(rotated.NeedsRotation(before));
        Assert.False(rotated.NeedsRotation(rotated.Protect("secret", "p")));

        var retired = Protector("k2", ("k2", KeyTwo));
        Assert.Contains("'k1'", Assert.Throws<CryptographicException>(() => retired.Unprotect(before, "p")).Message);
    }

    [Fact]
    public void BadConfigurationIsNamed()
    {
        Assert.Contains("ActiveKeyId", Assert.Throws<InvalidOperationException>(() => Protector("missing", ("k1", KeyOne))).Message);
        Assert.Contains("Secrets:Keys:short", Assert.Throws<InvalidOperationException>(() => Protector("short", ("short", "AAAA"))).Message);
    }

    private static SecretProtector Protector(string active, params (string Id, string Key)[] keys) =>
        new(Options.Create(new SecretsOptions { ActiveKeyId = active, Keys = keys.ToDictionary(k => k.Id, k => k.Key) }));
}
