using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using EcomOps.Runtime.Concurrency;

namespace EcomOps.Runtime.Invocation;

/// <summary>Everything the runtime needs to call one grain interface method, built once per method:
/// a compiled invoker, the typed response sink, copy flags and the wire name.</summary>
internal sealed class MethodDescriptor
{
    private static readonly ConcurrentDictionary<MethodInfo, MethodDescriptor> Cache = new();

    private MethodDescriptor(MethodInfo method)
    {
        Method = method;
        InterfaceType = method.DeclaringType!;
        ParameterTypes = method.GetParameters().Select(p => p.ParameterType).ToArray();
        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new NotSupportedException($"Grain method {InterfaceType.Name}.{method.Name} has a ref or out parameter; grain calls are messages.");
        }

        Id = $"{method.Name}({string.Join(',', ParameterTypes.Select(t => t.Name))})";
        WireName = $"{InterfaceType.FullName}::{Id}";
        DisplayName = $"{InterfaceType.Name}.{method.Name}";
        (Kind, ResultType) = Classify(method);
        CopyArguments = ParameterTypes.Select(Copier.NeedsCopy).ToArray();
        CopyAnyArgument = CopyArguments.Any(c => c);
        CopyResult = ResultType != typeof(object) && Copier.NeedsCopy(ResultType);
        AlwaysInterleave = method.GetCustomAttribute<AlwaysInterleaveAttribute>() is not null;
        Timeout = method.GetCustomAttribute<ResponseTimeoutAttribute>()?.Timeout;
        var sinkType = Kind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT ? ResultType : typeof(object);
        HasResult = Kind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT;
        CreateSink = (Func<IResponseSink>)typeof(MethodDescriptor).GetMethod(nameof(SinkFactory), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(sinkType).Invoke(null, null)!;
        ToReturnValue = Kind switch
        {
            ReturnKind.Task => sink => sink.Task,
            ReturnKind.ValueTask => sink => new ValueTask(sink.Task),
            ReturnKind.TaskOfT => sink => sink.Task,
            _ => (Func<IResponseSink, object>)typeof(MethodDescriptor).GetMethod(nameof(ValueTaskWrapper), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(ResultType).Invoke(null, null)!,
        };
        Invoke = CompileInvoker(method, Kind, ResultType);
    }

    public MethodInfo Method { get; }

    public Type InterfaceType { get; }

    public string Id { get; }

    public string WireName { get; }

    public string DisplayName { get; }

    public Type[] ParameterTypes { get; }

    public bool[] CopyArguments { get; }

    public bool CopyAnyArgument { get; }

    public ReturnKind Kind { get; }

    /// <summary>T for Task&lt;T&gt; and ValueTask&lt;T&gt;; object for methods with no result.</summary>
    public Type ResultType { get; }

    public bool HasResult { get; }

    public bool CopyResult { get; }

    public bool AlwaysInterleave { get; }

    public TimeSpan? Timeout { get; }

    public Func<IResponseSink> CreateSink { get; }

    public Func<IResponseSink, object> ToReturnValue { get; }

    public Func<object, object?[], ValueTask<object?>> Invoke { get; }

    public static MethodDescriptor For(MethodInfo method) => Cache.GetOrAdd(method, static m => new MethodDescriptor(m));

    private static (ReturnKind, Type) Classify(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type == typeof(Task))
        {
            return (ReturnKind.Task, typeof(object));
        }

        if (type == typeof(ValueTask))
        {
            return (ReturnKind.ValueTask, typeof(object));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return (ReturnKind.TaskOfT, type.GetGenericArguments()[0]);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return (ReturnKind.ValueTaskOfT, type.GetGenericArguments()[0]);
        }

        throw new NotSupportedException(
            $"Grain method {method.DeclaringType!.Name}.{method.Name} returns {type.Name}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>.");
    }

    private static Func<object, object?[], ValueTask<object?>> CompileInvoker(MethodInfo method, ReturnKind kind, Type resultType)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var call = Expression.Call(
            Expression.Convert(grain, method.DeclaringType!),
            method,
            method.GetParameters().Select((p, i) => (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType)));
        var adapter = kind switch
        {
            ReturnKind.Task => typeof(Awaiters).GetMethod(nameof(Awaiters.FromTask))!,
            ReturnKind.ValueTask => typeof(Awaiters).GetMethod(nameof(Awaiters.FromValueTask))!,
            ReturnKind.TaskOfT => typeof(Awaiters).GetMethod(nameof(Awaiters.FromTaskOfT))!.MakeGenericMethod(resultType),
            _ => typeof(Awaiters).GetMethod(nameof(Awaiters.FromValueTaskOfT))!.MakeGenericMethod(resultType),
        };
        return Expression.Lambda<Func<object, object?[], ValueTask<object?>>>(Expression.Call(adapter, call), grain, args).Compile();
    }

    private static Func<IResponseSink> SinkFactory<T>() => static () => new ResponseSink<T>();

    private static Func<IResponseSink, object> ValueTaskWrapper<T>() => static sink => new ValueTask<T>(((ResponseSink<T>)sink).Task);
}
