namespace EcomOps.Runtime.Invocation;

internal sealed class ResponseSink<T> : TaskCompletionSource<T>, IResponseSink
{
    public bool TryComplete(object? result) => TrySetResult((T)result!);

    public bool TryFail(Exception exception) => TrySetException(exception);

    public object? Result => Task.Result;

    Task IResponseSink.Task => Task;
}
