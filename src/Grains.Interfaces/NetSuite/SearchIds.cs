using EcomOps.Grains.Common;

namespace EcomOps.Grains.NetSuite;

/// <summary>What a saved search id looks like: a script id (customsearch_...) or an internal id.</summary>
public static class SearchIds
{
    public const int MaxLength = 100;

    public static bool IsValid(string? searchId) =>
        searchId is { Length: > 0 and <= MaxLength }
        && (searchId.All(char.IsAsciiDigit)
            || (searchId.StartsWith("customsearch", StringComparison.Ordinal) && searchId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')));

    public static string Validate(string field, string? searchId)
    {
        var trimmed = searchId?.Trim() ?? "";
        return IsValid(trimmed)
            ? trimmed
            : throw InvalidInputException.For(field, "must be a saved search's script id (customsearch_..., lower-case letters, digits and underscores) or its internal id.");
    }
}
