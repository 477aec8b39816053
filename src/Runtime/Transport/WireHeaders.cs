namespace EcomOps.Runtime.Transport;

/// <summary>The message envelope is a handful of HTTP/2 headers (HPACK compresses repeats to a byte or two)
/// and a JSON array of arguments as the body.</summary>
internal static class WireHeaders
{
    public const string GrainType = "rt-grain-type";
    public const string GrainKey = "rt-grain-key";
    public const string Method = "rt-method";
    public const string Context = "rt-context";
    public const string Chain = "rt-chain";
    public const string TimeoutMs = "rt-timeout-ms";
    public const string Error = "rt-error";

    public const string ErrorMoved = "moved";
    public const string ErrorUnavailable = "unavailable";
    public const string ErrorException = "exception";
    public const string ErrorTimeout = "timeout";

    public static string EncodeContext(IReadOnlyDictionary<string, string> context) =>
        string.Join('&', context.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    public static Dictionary<string, string> DecodeContext(string encoded)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[Uri.UnescapeDataString(pair[..equals])] = Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return values;
    }

    public static string EncodeChain(CallChain chain) =>
        string.Join('&', chain.Reverse().Select(g => Uri.EscapeDataString(g.Type) + "=" + Uri.EscapeDataString(g.Key)));

    public static CallChain? DecodeChain(string encoded) =>
        CallChain.FromList(encoded.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => new GrainId(Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1])))
            .ToList());
}
