using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EcomOps.Grains.Security;

/// <summary>Encrypts secrets at rest with AES-256-GCM. The output names its key, so keys rotate without a migration,
/// and is bound to a purpose (the record it belongs to), so a ciphertext copied onto another record does not decrypt.
/// Layout: version (1) | key id length (1) | key id | nonce (12) | tag (16) | ciphertext.</summary>
public sealed class SecretProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> keys;
    private readonly string activeKeyId;

    public SecretProtector(IOptions<SecretsOptions> options)
    {
        var value = options.Value;
        keys = value.Keys.ToDictionary(k => k.Key, k => Key(k.Key, k.Value), StringComparer.Ordinal);
        activeKeyId = value.ActiveKeyId;
        if (!keys.ContainsKey(activeKeyId))
        {
            throw new InvalidOperationException($"Secrets:ActiveKeyId '{activeKeyId}' is not one of the keys in Secrets:Keys.");
        }
    }

    public byte[] Protect(string plaintext, string purpose)
    {
        var keyId = Encoding.UTF8.GetBytes(activeKeyId);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[2 + keyId.Length + NonceSize + TagSize + data.Length];
        output[0] = Version;
        output[1] = (byte)keyId.Length;
        keyId.CopyTo(output, 2);
        var nonce = output.AsSpan(2 + keyId.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys[activeKeyId], TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(2 + keyId.Length + NonceSize + TagSize), output.AsSpan(2 + keyId.Length + NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    public string Unprotect(byte[] protectedData, string purpose)
    {
        var keyId = KeyIdOf(protectedData);
        if (!keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"The secret was encrypted with key '{keyId}', which is no longer configured in Secrets:Keys.");
        }

        var offset = 2 + Encoding.UTF8.GetByteCount(keyId);
        var plaintext = new byte[protectedData.Length - offset - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(protectedData.AsSpan(offset, NonceSize), protectedData.AsSpan(offset + NonceSize + TagSize), protectedData.AsSpan(offset + NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(purpose));
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new CryptographicException("The secret does not decrypt: it was altered, or belongs to another record.", exception);
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>Whether the secret was encrypted under a key other than the active one and should be re-encrypted.</summary>
    public bool NeedsRotation(byte[] protectedData) => KeyIdOf(protectedData) != activeKeyId;

    private static string KeyIdOf(byte[] protectedData)
    {
        if (protectedData.Length < 2 + NonceSize + TagSize || protectedData[0] != Version || protectedData.Length < 2 + protectedData[1] + NonceSize + TagSize)
        {
            throw new CryptographicException("The stored secret is not in a format this version reads.");
        }

        return Encoding.UTF8.GetString(protectedData, 2, protectedData[1]);
    }

    private static byte[] Key(string id, string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            key = [];
        }

        return key.Length == 32 && Encoding.UTF8.GetByteCount(id) is > 0 and < 256
            ? key
            : throw new InvalidOperationException($"Secrets:Keys:{id} must be a base64 256-bit key (and the id 1 to 255 bytes).");
    }
}
