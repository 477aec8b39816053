using System.Buffers.Text;
using System.Text.Json;
using EcomOps.Grains.Common;

namespace EcomOps.Grains.NetSuite;

/// <summary>Where a page of a dataset ended: the sort value and internal id of its last row. Opaque to callers
/// (base64url JSON), and checked on the way back in, since it comes from a URL.</summary>
internal sealed record DatasetCursor(string? SortValue, long Id)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, Options));

    public static DatasetCursor? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DatasetCursor>(Base64Url.DecodeFromChars(cursor), Options) ?? throw new JsonException();
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw InvalidInputException.For("cursor", "is not a cursor this dataset gave out; start again from the first page.");
        }
    }
}
