using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using EcomOps.Runtime.Concurrency;

namespace EcomOps.Runtime.Invocation;

/// <summary>Copies values that cross the grain boundary inside one silo, so no two activations ever share a
/// mutable object. Values of immutable types are passed as they are, as Orleans does.</summary>
internal static class Copier
{
    private static readonly ConcurrentDictionary<Type, bool> ImmutableTypes = new();

    public static bool NeedsCopy(Type type) => !ImmutableTypes.GetOrAdd(type, IsImmutable);

    public static object? Copy(object? value, Type declaredType)
    {
        if (value is null)
        {
            return null;
        }

        var runtimeType = value.GetType();
        if (!NeedsCopy(runtimeType))
        {
            return value;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, declaredType, RuntimeJson.Options);
        return JsonSerializer.Deserialize(bytes, declaredType, RuntimeJson.Options);
    }

    private static bool IsImmutable(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
            || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(DateOnly)
            || type == typeof(TimeOnly) || type == typeof(Uri) || type == typeof(GrainId) || type == typeof(void))
        {
            return true;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return IsImmutable(underlying);
        }

        return type.GetCustomAttribute<ImmutableAttribute>() is not null;
    }
}
