using EcomOps.Grains.Common;

namespace EcomOps.Grains.Tenancy;

/// <summary>The checks every way in (API, portal, grains) applies to tenancy input.</summary>
public static class InputRules
{
    public const int MinimumPasswordLength = 10;

    public static string Email(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (trimmed.Length is 0 or > 254 || at <= 0 || at == trimmed.Length - 1 || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            throw InvalidInputException.For("email", "must be an email address such as name@example.com.");
        }

        return trimmed.ToLowerInvariant();
    }

    public static string Name(string field, string? value, int maxLength = 200)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > maxLength)
        {
            throw InvalidInputException.For(field, $"is required and at most {maxLength} characters.");
        }

        return trimmed;
    }

    public static string Password(string field, string? password)
    {
        if (password is null || password.Length < MinimumPasswordLength || password.Length > 256)
        {
            throw InvalidInputException.For(field, $"must be {MinimumPasswordLength} to 256 characters.");
        }

        return password;
    }

    public static string TimeZone(string? timeZone)
    {
        var id = string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out _))
        {
            throw InvalidInputException.For("timeZone", $"'{id}' is not a known time zone; use an IANA name such as Europe/Berlin.");
        }

        return id;
    }
}
