using EcomOps.Grains.Common;
using EcomOps.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EcomOps.Grains.Tenancy;

/// <summary>One tenant. Profile, plan and governance live in grain state; members, tokens, keys and the audit trail in
/// row-level-secured tables, every change written together with its audit event. Rate-limit buckets live only here,
/// so they are exact across the cluster.</summary>
public sealed class TenantGrain(
    [PersistentState("tenant")] IPersistentState<TenantState> tenant,
    TenancyDatabase database,
    IOptions<TenancyOptions> options,
    TimeProvider time) : Grain, ITenantGrain
{
    private static readonly PasswordHasher<Member> Hasher = new();
    private readonly Dictionary<RateLimitKind, TokenBucket> buckets = [];

    private Guid TenantId => Guid.Parse(GetPrimaryKeyString());

    private TenancyOptions Options => options.Value;

    public async Task<Member> RegisterAsync(Registration registration)
    {
        var name = InputRules.Name("tenantName", registration.TenantName);
        var email = InputRules.Email(registration.Email);
        var displayName = InputRules.Name("displayName", registration.DisplayName);
        var password = InputRules.Password("password", registration.Password);
        var timeZone = InputRules.TimeZone(registration.TimeZone);
        if (tenant.State.Exists)
        {
            throw new ConflictException("This tenant already exists.");
        }

        var now = time.GetUtcNow();
        var owner = new Member(Guid.NewGuid(), email, displayName, Role.Owner, now, null);
        try
        {
            await database.InTenantAsync(TenantId, async (connection, transaction) =>
            {
                await InsertMemberAsync(connection, transaction, owner, Hasher.HashPassword(owner, password));
                var actor = new Actor(ActorType.User, owner.UserId.ToString(), displayName);
                await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "tenant.registered", name, "succeeded", new { plan = nameof(Plan.Trial) });
                await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "user.added", email, "succeeded", new { role = nameof(Role.Owner) });
            });
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw InvalidInputException.For("email", "is already registered.");
        }

        tenant.State = new TenantState
        {
            Exists = true,
            Name = name,
            Plan = Plan.Trial,
            TrialExpiresAt = now + PlanCatalog.TrialLength,
            TimeZone = timeZone,
            CreatedAt = now,
            Governance = GovernancePolicy.Default,
        };
        await tenant.WriteStateAsync();
        return owner;
    }

    public Task<TenantProfile> GetProfileAsync() => Task.FromResult(Profile());

    public async Task<TenantProfile> UpdateSettingsAsync(Actor actor, TenantSettings settings)
    {
        EnsureExists();
        var name = InputRules.Name("name", settings.Name);
        var timeZone = InputRules.TimeZone(settings.TimeZone);
        var governance = settings.Governance ?? throw InvalidInputException.For("governance", "is required.");
        await database.InTenantAsync(TenantId, (connection, transaction) =>
            AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "tenant.updated", name, "succeeded",
                new { name, timeZone, allowedTools = governance.AllowedTools, redactedFields = governance.RedactedFields }));
        tenant.State.Name = name;
        tenant.State.TimeZone = timeZone;
        tenant.State.Governance = governance with { AllowedTools = [.. governance.AllowedTools], RedactedFields = [.. governance.RedactedFields] };
        await tenant.WriteStateAsync();
        return Profile();
    }

    public async Task<TenantProfile> ChangePlanAsync(Actor actor, Plan plan)
    {
        EnsureExists();
        if (!Enum.IsDefined(plan))
        {
            throw InvalidInputException.For("plan", "must be Trial, Pro or Enterprise.");
        }

        var members = await ListMembersAsync();
        if (members.Count > PlanCatalog.For(plan).Seats)
        {
            throw new ConflictException($"The {plan} plan has {PlanCatalog.For(plan).Seats} seats and this tenant has {members.Count} members.");
        }

        var previous = tenant.State.Plan;
        await database.InTenantAsync(TenantId, (connection, transaction) =>
            AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "tenant.plan_changed", plan.ToString(), "succeeded", new { from = previous.ToString(), to = plan.ToString() }));
        tenant.State.Plan = plan;
        tenant.State.TrialExpiresAt = plan == Plan.Trial ? tenant.State.TrialExpiresAt : null;
        await tenant.WriteStateAsync();
        buckets.Clear();
        return Profile();
    }

    public Task<RateLimitDecision> TryAcquireAsync(RateLimitKind kind, int cost)
    {
        EnsureExists();
        if (!buckets.TryGetValue(kind, out var bucket))
        {
            var entitlements = PlanCatalog.For(tenant.State.Plan);
            bucket = new TokenBucket(kind == RateLimitKind.Api ? entitlements.ApiCallsPerMinute : entitlements.McpCallsPerMinute, time);
            buckets[kind] = bucket;
        }

        return Task.FromResult(bucket.TryTake(Math.Max(1, cost)));
    }

    public async Task<IReadOnlyList<Member>> ListMembersAsync()
    {
        EnsureExists();
        return await database.InTenantAsync(TenantId, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(
                "select user_id, email, display_name, role, created_at, locked_until from tenant_users order by lower(display_name), user_id", connection, transaction);
            var members = new List<Member>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                members.Add(ReadMember(reader));
            }

            return members;
        });
    }

    public async Task<Member> GetMemberAsync(Guid userId)
    {
        EnsureExists();
        return await database.InTenantAsync(TenantId, async (connection, transaction) =>
            (await FindMemberAsync(connection, transaction, userId))?.Member ?? throw new NotFoundException($"No user {userId} in this tenant."));
    }

    public async Task<NewMember> AddMemberAsync(Actor actor, string email, string displayName, Role role, string? password)
    {
        EnsureExists();
        var normalized = InputRules.Email(email);
        var name = InputRules.Name("displayName", displayName);
        var temporary = password is null ? SecretTokens.NewTemporaryPassword() : null;
        var chosen = password is null ? temporary! : InputRules.Password("password", password);
        if (!Enum.IsDefined(role))
        {
            throw InvalidInputException.For("role", "must be Owner, Admin, Operator or Viewer.");
        }

        var seats = PlanCatalog.For(tenant.State.Plan).Seats;
        var member = new Member(Guid.NewGuid(), normalized, name, role, time.GetUtcNow(), null);
        try
        {
            await database.InTenantAsync(TenantId, async (connection, transaction) =>
            {
                await using (var count = new NpgsqlCommand("select count(*) from tenant_users", connection, transaction))
                {
                    if ((long)(await count.ExecuteScalarAsync())! >= seats)
                    {
                        throw new ConflictException($"All {seats} seats of the {tenant.State.Plan} plan are taken; remove a user or change the plan.");
                    }
                }

                await InsertMemberAsync(connection, transaction, member, Hasher.HashPassword(member, chosen));
                await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "user.added", normalized, "succeeded", new { role = role.ToString(), displayName = name });
            });
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw InvalidInputException.For("email", "is already registered.");
        }

        return new NewMember(member, temporary);
    }

    public async Task<Member> ChangeRoleAsync(Actor actor, Guid userId, Role role)
    {
        EnsureExists();
        if (!Enum.IsDefined(role))
        {
            throw InvalidInputException.For("role", "must be Owner, Admin, Operator or Viewer.");
        }

        return await database.InTenantAsync(TenantId, async (connection, transaction) =>
        {
            var (member, _) = await FindMemberAsync(connection, transaction, userId) ?? throw new NotFoundException($"No user {userId} in this tenant.");
            if (member.Role == Role.Owner && role != Role.Owner)
            {
                await EnsureAnotherOwnerAsync(connection, transaction, userId);
            }

            await using (var update = new NpgsqlCommand("update tenant_users set role = $2, updated_at = now() where user_id = $1", connection, transaction))
            {
                update.Parameters.AddWithValue(userId);
                update.Parameters.AddWithValue(role.ToString());
                await update.ExecuteNonQueryAsync();
            }

            await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "user.role_changed", member.Email, "succeeded", new { from = member.Role.ToString(), to = role.ToString() });
            return member with { Role = role };
        });
    }

    public async Task RemoveMemberAsync(Actor actor, Guid userId)
    {
        EnsureExists();
        await database.InTenantAsync(TenantId, async (connection, transaction) =>
        {
            var (member, _) = await FindMemberAsync(connection, transaction, userId) ?? throw new NotFoundException($"No user {userId} in this tenant.");
            if (member.Role == Role.Owner)
            {
                await EnsureAnotherOwnerAsync(connection, transaction, userId);
            }

            foreach (var sql in new[]
            {
                "delete from tenant_users where user_id = $1",
                "delete from user_directory where user_id = $1",
                "update refresh_tokens set revoked_at = now() where user_id = $1 and revoked_at is null",
            })
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                command.Parameters.AddWithValue(userId);
                await command.ExecuteNonQueryAsync();
            }

            await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "user.removed", member.Email, "succeeded", null);
        });
    }

    public async Task ChangePasswordAsync(Actor actor, Guid userId, string currentPassword, string newPassword)
    {
        EnsureExists();
        var password = InputRules.Password("newPassword", newPassword);
        await database.InTenantAsync(TenantId, async (connection, transaction) =>
        {
            var (member, hash) = await FindMemberAsync(connection, transaction, userId) ?? throw new NotFoundException($"No user {userId} in this tenant.");
            if (Hasher.VerifyHashedPassword(member, hash, currentPassword ?? "") == PasswordVerificationResult.Failed)
            {
                await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "user.password_changed", member.Email, "failed", new { reason = "current password wrong" });
                throw InvalidInputException.For("currentPassword", "is not correct.");
            }

            await using (var update = new NpgsqlCommand(
                "update tenant_users set password_hash = $2, failed_sign_ins = 0, locked_until = null, updated_at = now() where user_id = $1", connection, transaction))
            {
                update.Parameters.AddWithValue(userId);
                update.Parameters.AddWithValue(Hasher.HashPassword(member, password));
                await update.ExecuteNonQueryAsync();
            }

            await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "user.password_changed", member.Email, "succeeded", null);
        });
    }

    public async Task<SignInResult> VerifyPasswordAsync(Guid userId, string password)
    {
        EnsureExists();
        return await database.InTenantAsync(TenantId, async (connection, transaction) =>
        {
            if (await FindMemberAsync(connection, transaction, userId) is not var (member, hash))
            {
                return SignInResult.Failed;
            }

            var actor = new Actor(ActorType.User, member.UserId.ToString(), member.DisplayName);
            var now = time.GetUtcNow();
            if (member.LockedUntil is { } lockedUntil && lockedUntil > now)
            {
                await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "auth.sign_in", member.Email, "locked_out", new { lockedUntil });
                return new SignInResult(SignInStatus.LockedOut, TenantId, null, lockedUntil);
            }

            if (Hasher.VerifyHashedPassword(member, hash, password ?? "") == PasswordVerificationResult.Failed)
            {
                await using var fail = new NpgsqlCommand(
                    """
                    update tenant_users set
                        failed_sign_ins = case when failed_sign_ins + 1 >= $2 then 0 else failed_sign_ins + 1 end,
                        locked_until = case when failed_sign_ins + 1 >= $2 then now() + $3 else locked_until end
                    where user_id = $1 returning locked_until
                    """, connection, transaction);
                fail.Parameters.AddWithValue(userId);
                fail.Parameters.AddWithValue(Options.LockoutThreshold);
                fail.Parameters.AddWithValue(Options.LockoutDuration);
                var locked = await fail.ExecuteScalarAsync() is DateTime until && until > now.UtcDateTime ? new DateTimeOffset(until, TimeSpan.Zero) : (DateTimeOffset?)null;
                await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "auth.sign_in", member.Email, locked is null ? "failed" : "failed_locked_out", null);
                return locked is null ? SignInResult.Failed with { TenantId = TenantId } : new SignInResult(SignInStatus.LockedOut, TenantId, null, locked);
            }

            await using (var succeed = new NpgsqlCommand("update tenant_users set failed_sign_ins = 0, locked_until = null where user_id = $1", connection, transaction))
            {
                succeed.Parameters.AddWithValue(userId);
                await succeed.ExecuteNonQueryAsync();
            }

            await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "auth.sign_in", member.Email, "succeeded", null);
            return new SignInResult(SignInStatus.Succeeded, TenantId, member, null);
        });
    }

    public async Task<IssuedRefreshToken> IssueRefreshTokenAsync(Guid userId)
    {
        EnsureExists();
        return await database.InTenantAsync(TenantId, async (connection, transaction) =>
        {
            var (member, _) = await FindMemberAsync(connection, transaction, userId) ?? throw new NotFoundException($"No user {userId} in this tenant.");
            return await InsertRefreshTokenAsync(connection, transaction, member, Guid.NewGuid());
        });
    }

    public async Task<RefreshResult> RotateRefreshTokenAsync(string token)
    {
        EnsureExists();
        if (!RefreshTokenFormat.TryParse(token, out var tenantId, out var tokenId, out var secret) || tenantId != TenantId)
        {
            return new RefreshResult(RefreshStatus.Invalid, null);
        }

        return await database.InTenantAsync(TenantId, async (connection, transaction) =>
        {
            Guid familyId, userId;
            byte[] hash;
            DateTimeOffset expiresAt;
            bool rotated, revoked;
            await using (var find = new NpgsqlCommand(
                "select family_id, user_id, token_hash, expires_at, rotated_at is not null, revoked_at is not null from refresh_tokens where token_id = $1 for update",
                connection, transaction))
            {
                find.Parameters.AddWithValue(tokenId);
                await using var reader = await find.ExecuteReaderAsync();
                if (!await reader.ReadAsync())
                {
                    return new RefreshResult(RefreshStatus.Invalid, null);
                }

                (familyId, userId, hash, expiresAt, rotated, revoked) =
                    (reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4), reader.GetBoolean(5));
            }

            if (!SecretTokens.Matches(secret, hash) || revoked || expiresAt <= time.GetUtcNow())
            {
                return new RefreshResult(RefreshStatus.Invalid, null);
            }

            if (await FindMemberAsync(connection, transaction, userId) is not var (member, _))
            {
                return new RefreshResult(RefreshStatus.Invalid, null);
            }

            var actor = new Actor(ActorType.User, member.UserId.ToString(), member.DisplayName);
            if (rotated)
            {
                // A token already exchanged came back: someone holds a copy. Revoke every token descended from the same sign-in.
                await using var revoke = new NpgsqlCommand("update refresh_tokens set revoked_at = now() where family_id = $1 and revoked_at is null", connection, transaction);
                revoke.Parameters.AddWithValue(familyId);
                await revoke.ExecuteNonQueryAsync();
                await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "auth.refresh_reuse_detected", member.Email, "family_revoked", new { familyId });
                return new RefreshResult(RefreshStatus.ReuseDetected, null);
            }

            await using (var mark = new NpgsqlCommand("update refresh_tokens set rotated_at = now() where token_id = $1", connection, transaction))
            {
                mark.Parameters.AddWithValue(tokenId);
                await mark.ExecuteNonQueryAsync();
            }

            return new RefreshResult(RefreshStatus.Rotated, await InsertRefreshTokenAsync(connection, transaction, member, familyId));
        });
    }

    public async Task RevokeRefreshTokenAsync(Actor actor, string token)
    {
        EnsureExists();
        if (!RefreshTokenFormat.TryParse(token, out var tenantId, out var tokenId, out var secret) || tenantId != TenantId)
        {
            return;
        }

        await database.InTenantAsync(TenantId, async (connection, transaction) =>
        {
            await using var revoke = new NpgsqlCommand(
                """
                update refresh_tokens set revoked_at = now()
                where family_id = (select family_id from refresh_tokens where token_id = $1 and token_hash = $2) and revoked_at is null
                """, connection, transaction);
            revoke.Parameters.AddWithValue(tokenId);
            revoke.Parameters.AddWithValue(SecretTokens.Hash(secret));
            if (await revoke.ExecuteNonQueryAsync() > 0)
            {
                await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "auth.signed_out", actor.Name, "succeeded", null);
            }
        });
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync()
    {
        EnsureExists();
        return await database.InTenantAsync(TenantId, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(
                "select key_id, name, scope, prefix, created_by, created_at, last_used_at, revoked_at from api_keys order by created_at desc, key_id", connection, transaction);
            var keys = new List<ApiKeyInfo>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                keys.Add(ReadApiKey(reader));
            }

            return keys;
        });
    }

    public async Task<CreatedApiKey> CreateApiKeyAsync(Actor actor, string name, ApiKeyScope scope)
    {
        EnsureExists();
        var keyName = InputRules.Name("name", name, 100);
        if (!Enum.IsDefined(scope))
        {
            throw InvalidInputException.For("scope", "must be Read, Operate or Admin.");
        }

        var keyId = Guid.NewGuid();
        var secret = SecretTokens.NewSecret();
        var value = ApiKeyFormat.Format(TenantId, keyId, secret);
        var key = new ApiKeyInfo(keyId, keyName, scope, ApiKeyFormat.Prefix(keyId), actor.Name, time.GetUtcNow(), null, null);
        await database.InTenantAsync(TenantId, async (connection, transaction) =>
        {
            await using (var insert = new NpgsqlCommand(
                "insert into api_keys (tenant_id, key_id, name, scope, prefix, secret_hash, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8)",
                connection, transaction))
            {
                insert.Parameters.AddWithValue(TenantId);
                insert.Parameters.AddWithValue(keyId);
                insert.Parameters.AddWithValue(keyName);
                insert.Parameters.AddWithValue(scope.ToString());
                insert.Parameters.AddWithValue(key.Prefix);
                insert.Parameters.AddWithValue(SecretTokens.Hash(secret));
                insert.Parameters.AddWithValue(actor.Name);
                insert.Parameters.AddWithValue(key.CreatedAt);
                await insert.ExecuteNonQueryAsync();
            }

            await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "api_key.created", keyName, "succeeded", new { keyId, scope = scope.ToString(), prefix = key.Prefix });
        });
        return new CreatedApiKey(key, value);
    }

    public async Task RevokeApiKeyAsync(Actor actor, Guid keyId)
    {
        EnsureExists();
        await database.InTenantAsync(TenantId, async (connection, transaction) =>
        {
            await using var revoke = new NpgsqlCommand(
                "update api_keys set revoked_at = coalesce(revoked_at, now()) where key_id = $1 returning name", connection, transaction);
            revoke.Parameters.AddWithValue(keyId);
            var name = await revoke.ExecuteScalarAsync() as string ?? throw new NotFoundException($"No API key {keyId} in this tenant.");
            await AuditWriter.AppendAsync(connection, transaction, TenantId, actor, "api_key.revoked", name, "succeeded", new { keyId });
        });
    }

    public async Task<ApiKeyPrincipal?> AuthenticateApiKeyAsync(Guid keyId, string secret)
    {
        if (!tenant.State.Exists)
        {
            return null;
        }

        return await database.InTenantAsync(TenantId, async (connection, transaction) =>
        {
            await using var find = new NpgsqlCommand(
                "select name, scope, secret_hash, revoked_at is not null, last_used_at from api_keys where key_id = $1", connection, transaction);
            find.Parameters.AddWithValue(keyId);
            string name, scope;
            byte[] hash;
            bool revoked;
            DateTimeOffset? lastUsed;
            await using (var reader = await find.ExecuteReaderAsync())
            {
                if (!await reader.ReadAsync())
                {
                    return null;
                }

                (name, scope, hash, revoked, lastUsed) = (reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2), reader.GetBoolean(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4));
            }

            if (revoked || !SecretTokens.Matches(secret, hash))
            {
                return null;
            }

            // Recorded at most once a minute: a busy key should not turn every call into a write.
            if (lastUsed is null || time.GetUtcNow() - lastUsed > TimeSpan.FromMinutes(1))
            {
                await using var touch = new NpgsqlCommand("update api_keys set last_used_at = now() where key_id = $1", connection, transaction);
                touch.Parameters.AddWithValue(keyId);
                await touch.ExecuteNonQueryAsync();
            }

            return new ApiKeyPrincipal(TenantId, keyId, name, Enum.Parse<ApiKeyScope>(scope));
        });
    }

    public async Task AppendAuditAsync(Actor actor, string action, string target, string outcome, string? details)
    {
        EnsureExists();
        await database.InTenantAsync(TenantId, (connection, transaction) =>
            AuditWriter.AppendAsync(connection, transaction, TenantId, actor, action, target, outcome, details));
    }

    public async Task<AuditPage> QueryAuditAsync(AuditQuery query)
    {
        EnsureExists();
        return await database.InTenantAsync(TenantId, (connection, transaction) => AuditWriter.QueryAsync(connection, transaction, query));
    }

    private TenantProfile Profile()
    {
        EnsureExists();
        var state = tenant.State;
        return new TenantProfile(TenantId, state.Name, state.Plan, state.TrialExpiresAt, state.TimeZone, state.CreatedAt, state.Governance, PlanCatalog.For(state.Plan));
    }

    private void EnsureExists()
    {
        if (!tenant.State.Exists)
        {
            throw new NotFoundException($"No tenant {GetPrimaryKeyString()}.");
        }
    }

    private async Task InsertMemberAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Member member, string passwordHash)
    {
        await using (var directory = new NpgsqlCommand("insert into user_directory (email, tenant_id, user_id) values ($1, $2, $3)", connection, transaction))
        {
            directory.Parameters.AddWithValue(member.Email);
            directory.Parameters.AddWithValue(TenantId);
            directory.Parameters.AddWithValue(member.UserId);
            await directory.ExecuteNonQueryAsync();
        }

        await using var insert = new NpgsqlCommand(
            "insert into tenant_users (tenant_id, user_id, email, display_name, role, password_hash, created_at) values ($1, $2, $3, $4, $5, $6, $7)",
            connection, transaction);
        insert.Parameters.AddWithValue(TenantId);
        insert.Parameters.AddWithValue(member.UserId);
        insert.Parameters.AddWithValue(member.Email);
        insert.Parameters.AddWithValue(member.DisplayName);
        insert.Parameters.AddWithValue(member.Role.ToString());
        insert.Parameters.AddWithValue(passwordHash);
        insert.Parameters.AddWithValue(member.CreatedAt);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<(Member Member, string PasswordHash)?> FindMemberAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId)
    {
        await using var command = new NpgsqlCommand(
            "select user_id, email, display_name, role, created_at, locked_until, password_hash from tenant_users where user_id = $1", connection, transaction);
        command.Parameters.AddWithValue(userId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (ReadMember(reader), reader.GetString(6)) : null;
    }

    private static async Task EnsureAnotherOwnerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId)
    {
        // Lock the owners so two concurrent demotions cannot each see the other as the remaining Owner.
        await using var owners = new NpgsqlCommand("select count(*) from (select 1 from tenant_users where role = 'Owner' and user_id <> $1 for update) o", connection, transaction);
        owners.Parameters.AddWithValue(userId);
        if ((long)(await owners.ExecuteScalarAsync())! == 0)
        {
            throw new ConflictException("A tenant must keep at least one Owner: make someone else an Owner first.");
        }
    }

    private async Task<IssuedRefreshToken> InsertRefreshTokenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Member member, Guid familyId)
    {
        var tokenId = Guid.NewGuid();
        var secret = SecretTokens.NewSecret();
        var expiresAt = time.GetUtcNow() + Options.RefreshTokenLifetime;
        await using var insert = new NpgsqlCommand(
            "insert into refresh_tokens (tenant_id, token_id, family_id, user_id, token_hash, expires_at) values ($1, $2, $3, $4, $5, $6)", connection, transaction);
        insert.Parameters.AddWithValue(TenantId);
        insert.Parameters.AddWithValue(tokenId);
        insert.Parameters.AddWithValue(familyId);
        insert.Parameters.AddWithValue(member.UserId);
        insert.Parameters.AddWithValue(SecretTokens.Hash(secret));
        insert.Parameters.AddWithValue(expiresAt);
        await insert.ExecuteNonQueryAsync();
        return new IssuedRefreshToken(RefreshTokenFormat.Format(TenantId, tokenId, secret), expiresAt, TenantId, member);
    }

    private static Member ReadMember(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Enum.Parse<Role>(reader.GetString(3)), reader.GetFieldValue<DateTimeOffset>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));

    private static ApiKeyInfo ReadApiKey(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetString(1), Enum.Parse<ApiKeyScope>(reader.GetString(2)), reader.GetString(3), reader.GetString(4),
            reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7));
}
