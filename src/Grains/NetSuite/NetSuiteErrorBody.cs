using System.Text;
using System.Text.Json;

namespace EcomOps.Grains.NetSuite;

/// <summary>Reads NetSuite's error answers, which come in three shapes: a RESTlet's <c>{"error": {"code", "message"}}</c>,
/// REST web services' RFC 7807-like <c>{"title", "status", "o:errorDetails": [{"detail", "o:errorCode"}]}</c>, and the
/// OAuth 2.0 token endpoint's <c>{"error": "invalid_grant"}</c>.</summary>
internal static class NetSuiteErrorBody
{
    public static (string? Code, string? Message) Read(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.Object)
                    {
                        return (Text(error, "code"), Text(error, "message"));
                    }

                    if (error.ValueKind == JsonValueKind.String)
                    {
                        return (error.GetString(), Text(root, "error_description"));
                    }
                }

                if (root.TryGetProperty("o:errorDetails", out var details) && details.ValueKind == JsonValueKind.Array && details.GetArrayLength() > 0)
                {
                    return (Text(details[0], "o:errorCode"), Text(details[0], "detail"));
                }

                if (Text(root, "title") is { } title)
                {
                    return (null, title);
                }
            }
        }
        catch (JsonException)
        {
        }

        return (null, body.Length == 0 ? null : Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)]));
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
