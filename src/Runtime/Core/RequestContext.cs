namespace EcomOps.Runtime;

/// <summary>Ambient values that travel with a call into grains and on through every grain-to-grain call it makes,
/// as Orleans' RequestContext does. Values are strings so they cross silos unchanged.</summary>
public static class RequestContext
{
    public const string CorrelationIdKey = "CorrelationId";
    public const string TenantIdKey = "TenantId";

    /// <summary>The correlation id of the current request, if one was set.</summary>
    public static string? CorrelationId
    {
        get => Get(CorrelationIdKey);
        set => SetOrRemove(CorrelationIdKey, value);
    }

    /// <summary>The tenant the current request acts for, if one was set.</summary>
    public static string? TenantId
    {
        get => Get(TenantIdKey);
        set => SetOrRemove(TenantIdKey, value);
    }

    public static string? Get(string key) =>
        RuntimeContext.CurrentValues is { } values && values.TryGetValue(key, out var value) ? value : null;

    public static void Set(string key, string value)
    {
        // Copy on write: a snapshot handed to an outgoing call must never change under it.
        var copy = RuntimeContext.CurrentValues is { } values ? new Dictionary<string, string>(values) : new Dictionary<string, string>(1);
        copy[key] = value;
        RuntimeContext.SetValues(copy);
    }

    public static bool Remove(string key)
    {
        if (RuntimeContext.CurrentValues is not { } values || !values.ContainsKey(key))
        {
            return false;
        }

        var copy = new Dictionary<string, string>(values);
        copy.Remove(key);
        RuntimeContext.SetValues(copy.Count == 0 ? null : copy);
        return true;
    }

    public static void Clear() => RuntimeContext.SetValues(null);

    internal static IReadOnlyDictionary<string, string>? Export() => RuntimeContext.CurrentValues;

    private static void SetOrRemove(string key, string? value)
    {
        if (value is null)
        {
            Remove(key);
        }
        else
        {
            Set(key, value);
        }
    }
}
