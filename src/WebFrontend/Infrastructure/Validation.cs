using Microsoft.AspNetCore.Http.HttpResults;

namespace EcomOps.WebFrontend.Infrastructure;

/// <summary>Collects field errors for a request and answers them all at once as a validation problem.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    public bool IsValid => errors.Count == 0;

    /// <summary>The problems found so far, by field (the portal shows each beside its field).</summary>
    public IReadOnlyDictionary<string, string[]> Errors => errors;

    /// <summary>Records a problem found by a check of the caller's own.</summary>
    public Validation Add(string field, string problem)
    {
        errors.TryAdd(field, [problem]);
        return this;
    }

    public Validation Require(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["is required."];
        }
        else if (value.Length > maxLength)
        {
            errors[field] = [$"must be at most {maxLength} characters."];
        }

        return this;
    }

    public Validation Require<TEnum>(string field, string? value, out TEnum parsed) where TEnum : struct, Enum
    {
        if (!Enum.TryParse(value, ignoreCase: true, out parsed) || !Enum.IsDefined(parsed) || int.TryParse(value, out _))
        {
            errors[field] = [$"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}."];
        }

        return this;
    }

    public ValidationProblem Problem() => TypedResults.ValidationProblem(errors, title: "Invalid input");
}
