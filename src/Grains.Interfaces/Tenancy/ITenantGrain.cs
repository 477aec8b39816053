using EcomOps.Grains.Common;
using EcomOps.Runtime;
using EcomOps.Runtime.Concurrency;

namespace EcomOps.Grains.Tenancy;

/// <summary>One tenant: profile, plan and entitlements, governance, rate limits, members, sign-in, tokens, API keys
/// and the audit trail. Keyed by the tenant id ("N" format).</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    Task<Member> RegisterAsync(Registration registration);

    Task<TenantProfile> GetProfileAsync();

    Task<TenantProfile> UpdateSettingsAsync(Actor actor, TenantSettings settings);

    Task<TenantProfile> ChangePlanAsync(Actor actor, Plan plan);

    /// <summary>Takes <paramref name="cost"/> tokens from the tenant's bucket for <paramref name="kind"/>. Exact across the
    /// cluster, since only this activation holds the buckets; it never awaits, so it may interleave.</summary>
    [AlwaysInterleave]
    Task<RateLimitDecision> TryAcquireAsync(RateLimitKind kind, int cost);

    Task<IReadOnlyList<Member>> ListMembersAsync();

    Task<Member> GetMemberAsync(Guid userId);

    Task<NewMember> AddMemberAsync(Actor actor, string email, string displayName, Role role, string? password);

    Task<Member> ChangeRoleAsync(Actor actor, Guid userId, Role role);

    Task RemoveMemberAsync(Actor actor, Guid userId);

    Task ChangePasswordAsync(Actor actor, Guid userId, string currentPassword, string newPassword);

    Task<SignInResult> VerifyPasswordAsync(Guid userId, string password);

    Task<IssuedRefreshToken> IssueRefreshTokenAsync(Guid userId);

    Task<RefreshResult> RotateRefreshTokenAsync(string token);

    Task RevokeRefreshTokenAsync(Actor actor, string token);

    Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync();

    Task<CreatedApiKey> CreateApiKeyAsync(Actor actor, string name, ApiKeyScope scope);

    Task RevokeApiKeyAsync(Actor actor, Guid keyId);

    Task<ApiKeyPrincipal?> AuthenticateApiKeyAsync(Guid keyId, string secret);

    /// <summary>Records an action a front end performed for this tenant.</summary>
    Task AppendAuditAsync(Actor actor, string action, string target, string outcome, string? details);

    [AlwaysInterleave]
    Task<AuditPage> QueryAuditAsync(AuditQuery query);
}
