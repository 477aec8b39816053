namespace EcomOps.Grains.Common;

/// <summary>Input a grain refused. The message starts with the field name and a colon, so front ends can show it by the field.</summary>
public sealed class InvalidInputException(string message) : Exception(message)
{
    public static InvalidInputException For(string field, string problem) => new($"{field}: {problem}");
}
