using System.Security.Cryptography;

namespace EcomOps.Grains.Tests.NetSuite;

/// <summary>Key pairs made for one test run, in the PEM forms an administrator would hold: never committed.</summary>
internal static class TestKeys
{
    public static (string PrivatePem, string PublicPem) Rsa(int bits = 2048)
    {
        using var rsa = RSA.Create(bits);
        return (rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
    }

    public static (string PrivatePem, string PublicPem) Ec(ECCurve? curve = null)
    {
        using var ec = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
        return (ec.ExportPkcs8PrivateKeyPem(), ec.ExportSubjectPublicKeyInfoPem());
    }
}
