using System.Text.Json;

namespace EcomOps.Runtime.Invocation;

/// <summary>The one JSON configuration used for arguments, results, copies and grain state.</summary>
internal static class RuntimeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        IncludeFields = true,
    };
}
