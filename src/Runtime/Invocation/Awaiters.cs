namespace EcomOps.Runtime.Invocation;

/// <summary>Turns whatever a grain method returned into one shape, without an allocation when it completed synchronously.</summary>
internal static class Awaiters
{
    public static ValueTask<object?> FromTask(Task task) =>
        task.IsCompletedSuccessfully ? default : Await(task);

    public static ValueTask<object?> FromValueTask(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : Await(task.AsTask());

    public static ValueTask<object?> FromTaskOfT<T>(Task<T> task) =>
        task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : AwaitResult(task);

    public static ValueTask<object?> FromValueTaskOfT<T>(ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : AwaitResult(task.AsTask());

    private static async ValueTask<object?> Await(Task task)
    {
        await task;
        return null;
    }

    private static async ValueTask<object?> AwaitResult<T>(Task<T> task) => await task;
}
