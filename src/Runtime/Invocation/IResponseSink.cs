namespace EcomOps.Runtime.Invocation;

/// <summary>Where the outcome of one grain call lands; typed to the method's result so the caller's task is
/// the very task the proxy returned.</summary>
internal interface IResponseSink
{
    Task Task { get; }

    bool TryComplete(object? result);

    bool TryFail(Exception exception);

    object? Result { get; }
}
