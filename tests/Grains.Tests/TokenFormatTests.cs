using EcomOps.Grains.Tenancy;

namespace EcomOps.Grains.Tests;

public sealed class TokenFormatTests
{
    [Fact]
    public void RefreshTokensCarryTheirTenantAndIdAndRejectAnythingElse()
    {
        var tenant = Guid.NewGuid();
        var token = Guid.NewGuid();
        var value = RefreshTokenFormat.Format(tenant, token, "s3cr3t-s3cr3t-s3cr3t-s3cr3t");
        Assert.True(RefreshTokenFormat.TryParse(value, out var parsedTenant, out var parsedToken, out var secret));
        Assert.Equal((tenant, token, "s3cr3t-s3cr3t-s3cr3t-s3cr3t"), (parsedTenant, parsedToken, secret));

        foreach (var bad in new[] { null, "", "rt1", $"rt2.{tenant:N}.{token:N}.s3cr3t-s3cr3t-s3cr3t-s3cr3t", $"rt1.{tenant:N}.{token:N}.short", $"rt1.nope.{token:N}.s3cr3t-s3cr3t-s3cr3t-s3cr3t" })
        {
            Assert.False(RefreshTokenFormat.TryParse(bad, out _, out _, out _), bad);
        }
    }

    [Fact]
    public void ApiKeysCarryTheirTenantAndIdAndShowOnlyAPrefix()
    {
        var tenant = Guid.NewGuid();
        var key = Guid.NewGuid();
        var value = ApiKeyFormat.Format(tenant, key, "abcdefghijklmnopqrstuvwxyz012345");
        Assert.True(ApiKeyFormat.TryParse(value, out var parsedTenant, out var parsedKey, out var secret));
        Assert.Equal((tenant, key, "abcdefghijklmnopqrstuvwxyz012345"), (parsedTenant, parsedKey, secret));
        Assert.Equal(12, ApiKeyFormat.Prefix(key).Length);
        Assert.DoesNotContain(secret, ApiKeyFormat.Prefix(key));

        foreach (var bad in new[] { null, "eok_", "Bearer x", value.Replace("eok_", "xok_", StringComparison.Ordinal), value[..^25] })
        {
            Assert.False(ApiKeyFormat.TryParse(bad, out _, out _, out _), bad);
        }
    }
}
