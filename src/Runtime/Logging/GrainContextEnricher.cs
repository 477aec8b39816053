using EcomOps.Runtime;
using Serilog.Core;
using Serilog.Events;

namespace EcomOps.Runtime.Logging;

/// <summary>Adds the correlation id, tenant and grain to every log line written inside a grain call. It reads the
/// runtime's ambient context only when a line is written, so grain calls pay nothing for it.</summary>
public sealed class GrainContextEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (RequestContext.CorrelationId is { } correlationId)
        {
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("CorrelationId", correlationId));
        }

        if (RequestContext.TenantId is { } tenantId)
        {
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("TenantId", tenantId));
        }

        if (RuntimeContext.CurrentGrain is { } grain)
        {
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("GrainType", grain.Type));
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("GrainKey", grain.Key));
        }
    }
}
