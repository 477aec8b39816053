using EcomOps.Grains.Common;

namespace EcomOps.WebFrontend.Components;

/// <summary>Splits a grain's "field: problem" message so a form can show it beside the field.</summary>
public static class FormErrors
{
    public static string Field(InvalidInputException exception)
    {
        var colon = exception.Message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? exception.Message[..colon] : "";
    }

    public static string Message(InvalidInputException exception)
    {
        var colon = exception.Message.IndexOf(':', StringComparison.Ordinal);
        var problem = colon > 0 ? exception.Message[(colon + 1)..].Trim() : exception.Message;
        return char.ToUpperInvariant(problem[0]) + problem[1..];
    }
}
