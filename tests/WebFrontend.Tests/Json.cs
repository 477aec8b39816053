using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcomOps.WebFrontend.Tests;

/// <summary>The API's JSON conventions: camelCase, enums by name.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
