using System.Text;
using EcomOps.Grains.Tenancy;

namespace EcomOps.WebFrontend.Api;

/// <summary>Streams the audit events a query matches as CSV, page by page, never holding more than one page.</summary>
public static class AuditCsv
{
    private const int PageSize = 1000;

    public static async Task WriteAsync(HttpResponse response, ITenantGrain tenant, AuditQuery query, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteLineAsync("id,occurred_at,actor_type,actor_id,actor_name,action,target,outcome,correlation_id,details".AsMemory(), cancellationToken);
        var page = query with { Limit = PageSize };
        while (true)
        {
            var result = await tenant.QueryAuditAsync(page);
            foreach (var e in result.Events)
            {
                var line = string.Join(',', e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.OccurredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    Field(e.ActorType), Field(e.ActorId), Field(e.ActorName), Field(e.Action), Field(e.Target), Field(e.Outcome), Field(e.CorrelationId), Field(e.Details));
                await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
            }

            await writer.FlushAsync(cancellationToken);
            if (result.NextBefore is not { } next)
            {
                return;
            }

            page = page with { Before = next };
        }
    }

    /// <summary>RFC 4180 quoting, and a leading quote mark for cells a spreadsheet would run as a formula.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
