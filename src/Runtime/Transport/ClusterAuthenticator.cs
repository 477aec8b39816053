using System.Security.Cryptography;
using System.Text;

namespace EcomOps.Runtime.Transport;

/// <summary>Proves membership of the cluster on the internal endpoint. Callers present a token derived from the
/// shared secret and the cluster id (never the secret itself); HPACK sends it once per connection.</summary>
internal sealed class ClusterAuthenticator
{
    public const string HeaderName = "rt-auth";

    private readonly byte[] expected;

    public ClusterAuthenticator(string secret, string clusterId)
    {
        Token = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("ecomops-runtime-v1:" + clusterId)));
        expected = Encoding.ASCII.GetBytes(Token);
    }

    public string Token { get; }

    public bool IsValid(string? presented)
    {
        if (presented is null || presented.Length != Token.Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[presented.Length];
        return Encoding.ASCII.GetBytes(presented, bytes) == bytes.Length && CryptographicOperations.FixedTimeEquals(bytes, expected);
    }
}
