using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcomOps.Grains.NetSuite;

/// <summary>The RESTlet contract's JSON: camelCase, nulls left out of requests.</summary>
public static class RestletJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
