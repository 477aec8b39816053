using System.Buffers;
using System.Text.Json;
using EcomOps.Runtime.Invocation;

namespace EcomOps.Runtime.Transport;

/// <summary>Arguments, results and exceptions as JSON, each value serialized as its declared type.</summary>
internal static class WireFormat
{
    private const string TypeProperty = "t";
    private const string KeyProperty = "k";
    private const string MethodProperty = "m";
    private const string TimeoutProperty = "ms";
    private const string ContextProperty = "c";
    private const string ChainProperty = "h";
    private const string ArgumentsProperty = "a";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? threadWriter;

    /// <summary>The request envelope: one JSON object, target and method first so the arguments can be read
    /// straight into their declared types.</summary>
    public static byte[] WriteRequest(GrainRequest request, long timeoutMs)
    {
        // One buffer and writer per thread, reset for each call: the envelope's only allocation is its final array.
        var buffer = threadBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = threadWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        {
            writer.WriteStartObject();
            writer.WriteString(TypeProperty, request.Target.Type);
            writer.WriteString(KeyProperty, request.Target.Key);
            writer.WriteString(MethodProperty, request.Method.WireName);
            writer.WriteNumber(TimeoutProperty, timeoutMs);
            if (request.Context is { Count: > 0 } context)
            {
                writer.WriteStartObject(ContextProperty);
                foreach (var (key, value) in context)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            if (request.Chain is { } chain)
            {
                writer.WriteStartArray(ChainProperty);
                foreach (var grain in chain.Reverse())
                {
                    writer.WriteStartArray();
                    writer.WriteStringValue(grain.Type);
                    writer.WriteStringValue(grain.Key);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
            }

            writer.WriteStartArray(ArgumentsProperty);
            for (var i = 0; i < request.Arguments.Length; i++)
            {
                JsonSerializer.Serialize(writer, request.Arguments[i], request.Method.ParameterTypes[i], RuntimeJson.Options);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a request envelope; throws <see cref="JsonException"/> with a readable message when it is malformed
    /// or names a method <paramref name="findMethod"/> does not know.</summary>
    public static IncomingCall ReadRequest(ReadOnlySequence<byte> body, Func<string, MethodDescriptor?> findMethod)
    {
        var reader = new Utf8JsonReader(body);
        Expect(ref reader, JsonTokenType.StartObject, "a request envelope object");
        string? type = null, key = null;
        MethodDescriptor? method = null;
        long timeoutMs = 30_000;
        Dictionary<string, string>? context = null;
        List<GrainId>? chain = null;
        object?[]? arguments = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(TypeProperty))
            {
                type = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(KeyProperty))
            {
                key = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(MethodProperty))
            {
                var name = ReadString(ref reader);
                method = findMethod(name) ?? throw new JsonException($"Unknown grain method '{name}'.");
            }
            else if (reader.ValueTextEquals(TimeoutProperty))
            {
                reader.Read();
                timeoutMs = reader.GetInt64();
            }
            else if (reader.ValueTextEquals(ContextProperty))
            {
                Expect(ref reader, JsonTokenType.StartObject, "a request context object");
                context = new Dictionary<string, string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    context[name] = ReadString(ref reader);
                }
            }
            else if (reader.ValueTextEquals(ChainProperty))
            {
                Expect(ref reader, JsonTokenType.StartArray, "a call chain array");
                chain = [];
                while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
                {
                    var grainType = ReadString(ref reader);
                    var grainKey = ReadString(ref reader);
                    Expect(ref reader, JsonTokenType.EndArray, "the end of a call chain entry");
                    chain.Add(new GrainId(grainType, grainKey));
                }
            }
            else if (reader.ValueTextEquals(ArgumentsProperty))
            {
                arguments = ReadArguments(ref reader, method ?? throw new JsonException("The method must come before the arguments."));
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (type is null || key is null || method is null || arguments is null)
        {
            throw new JsonException("A request envelope needs a grain type, key, method and arguments.");
        }

        return new IncomingCall(new GrainId(type, key), method, arguments, context, chain is null ? null : CallChain.FromList(chain), TimeSpan.FromMilliseconds(Math.Max(1, timeoutMs)));
    }

    public static byte[] WriteResult(MethodDescriptor method, object? result) =>
        method.HasResult ? JsonSerializer.SerializeToUtf8Bytes(result, method.ResultType, RuntimeJson.Options) : [];

    public static object? ReadResult(MethodDescriptor method, ReadOnlySequence<byte> body)
    {
        if (!method.HasResult)
        {
            return null;
        }

        var reader = new Utf8JsonReader(body);
        return JsonSerializer.Deserialize(ref reader, method.ResultType, RuntimeJson.Options);
    }

    public static byte[] WriteException(Exception exception) =>
        JsonSerializer.SerializeToUtf8Bytes(new WireException(TypeName(exception.GetType()), exception.Message), RuntimeJson.Options);

    /// <summary>Rebuilds the exception with its original type where the caller knows that type and it can be made
    /// from a message; otherwise a <see cref="GrainCallException"/> that names the original type.</summary>
    public static Exception ReadException(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        var wire = JsonSerializer.Deserialize<WireException>(ref reader, RuntimeJson.Options)
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

    private static object?[] ReadArguments(ref Utf8JsonReader reader, MethodDescriptor method)
    {
        Expect(ref reader, JsonTokenType.StartArray, "an array of arguments");
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

    private static string ReadString(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a string in the request envelope.");
        }

        return reader.GetString()!;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new JsonException($"Expected {what} in the request envelope.");
        }
    }

    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    private sealed record WireException(string Type, string Message);
}
