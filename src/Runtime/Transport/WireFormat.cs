using System.Buffers;
using System.Text.Json;
using EcomOps.Runtime.Invocation;

namespace EcomOps.Runtime.Transport;

/// <summary>Arguments, results and exceptions as JSON, each value serialized as its declared type.</summary>
internal static class WireFormat
{
    public static byte[] WriteArguments(MethodDescriptor method, object?[] arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < arguments.Length; i++)
            {
                JsonSerializer.Serialize(writer, arguments[i], method.ParameterTypes[i], RuntimeJson.Options);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static object?[] ReadArguments(MethodDescriptor method, ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("The request body must be a JSON array of arguments.");
        }

        var arguments = new object?[method.ParameterTypes.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            {
                throw new JsonException($"{method.DisplayName} takes {arguments.Length} arguments; fewer were sent.");
            }

            arguments[i] = JsonSerializer.Deserialize(ref reader, method.ParameterTypes[i], RuntimeJson.Options);
        }

        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException($"{method.DisplayName} takes {arguments.Length} arguments; more were sent.");
        }

        return arguments;
    }

    public static byte[] WriteResult(MethodDescriptor method, object? result) =>
        method.HasResult ? JsonSerializer.SerializeToUtf8Bytes(result, method.ResultType, RuntimeJson.Options) : [];

    public static object? ReadResult(MethodDescriptor method, byte[] body) =>
        method.HasResult ? JsonSerializer.Deserialize(body, method.ResultType, RuntimeJson.Options) : null;

    public static byte[] WriteException(Exception exception) =>
        JsonSerializer.SerializeToUtf8Bytes(new WireException(TypeName(exception.GetType()), exception.Message), RuntimeJson.Options);

    /// <summary>Rebuilds the exception with its original type where the caller knows that type and it can be made
    /// from a message; otherwise a <see cref="GrainCallException"/> that names the original type.</summary>
    public static Exception ReadException(byte[] body)
    {
        var wire = JsonSerializer.Deserialize<WireException>(body, RuntimeJson.Options)
                   ?? throw new JsonException("Empty exception payload.");
        var type = Type.GetType(wire.Type, throwOnError: false);
        if (type is not null && typeof(Exception).IsAssignableFrom(type) && type.GetConstructor([typeof(string)]) is { } constructor)
        {
            try
            {
                return (Exception)constructor.Invoke([wire.Message]);
            }
            catch (System.Reflection.TargetInvocationException)
            {
                // Fall through to the generic form: the type's own constructor refused the message.
            }
        }

        return new GrainCallException(wire.Type, wire.Message);
    }

    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    private sealed record WireException(string Type, string Message);
}
