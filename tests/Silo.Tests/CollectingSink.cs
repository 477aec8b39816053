using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace EcomOps.Silo.Tests;

public sealed class CollectingSink : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
}
