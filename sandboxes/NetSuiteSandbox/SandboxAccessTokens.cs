using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>Access tokens the sandbox's token endpoint issued: opaque, for one account and the scopes the assertion asked
/// for, valid 60 minutes as NetSuite's are.</summary>
public sealed class SandboxAccessTokens(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(60);

    private readonly ConcurrentDictionary<string, Issued> tokens = new(StringComparer.Ordinal);

    public string Issue(SandboxAccount account, IReadOnlyList<string> scopes)
    {
        if (tokens.Count > 10_000)
        {
            foreach (var expired in tokens.Where(t => t.Value.ExpiresAt <= time.GetUtcNow()).Select(t => t.Key).ToList())
            {
                tokens.TryRemove(expired, out _);
            }
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        tokens[token] = new Issued(account, scopes, time.GetUtcNow() + Lifetime);
        return token;
    }

    /// <summary>The account a token stands for, if it is known, unexpired, and allows <paramref name="scope"/>.</summary>
    public SandboxAccount? Find(string token, string scope) =>
        tokens.TryGetValue(token, out var issued) && issued.ExpiresAt > time.GetUtcNow() && issued.Scopes.Contains(scope) ? issued.Account : null;

    /// <summary>Every token issued so far for the account stops working, as when NetSuite's tokens lapse or a mapping is
    /// revoked; new ones can be had.</summary>
    public void ExpireAll(SandboxAccount account)
    {
        foreach (var token in tokens.Where(t => t.Value.Account == account).Select(t => t.Key).ToList())
        {
            tokens.TryRemove(token, out _);
        }
    }

    private sealed record Issued(SandboxAccount Account, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);
}
