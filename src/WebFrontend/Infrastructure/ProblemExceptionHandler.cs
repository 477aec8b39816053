using EcomOps.Grains.Common;
using EcomOps.Runtime;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EcomOps.WebFrontend.Infrastructure;

/// <summary>Turns every exception into an answer a person can act on: Problem Details on the API, the error page
/// in the portal; never a stack trace. Unexpected errors are logged with the correlation id the answer shows.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = Describe(exception);
        if (status >= 500)
        {
            logger.LogError(exception, "Request failed: {Title}", title);
        }

        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect($"/error?status={status}&id={Uri.EscapeDataString(context.TraceIdentifier)}");
            return true;
        }

        context.Response.StatusCode = status;
        var problem = errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    public static (int Status, string Title, string? Detail, Dictionary<string, string[]>? Errors) Describe(Exception exception) => exception switch
    {
        NotFoundException e => (StatusCodes.Status404NotFound, "Not found", e.Message, null),
        ConflictException e => (StatusCodes.Status409Conflict, "Conflict", e.Message, null),
        Auth.PermissionDeniedException e => (StatusCodes.Status403Forbidden, "Forbidden", e.Message, null),
        InvalidInputException e => (StatusCodes.Status400BadRequest, "Invalid input", null, FieldError(e.Message)),
        BadHttpRequestException e => (e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request", e.Message, null),
        SiloUnavailableException or TimeoutException => (StatusCodes.Status503ServiceUnavailable, "Service temporarily unavailable",
            "The service could not complete the request in time; try again shortly.", null),
        _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "Something went wrong on our side; quote the correlation id when you report it.", null),
    };

    private static Dictionary<string, string[]> FieldError(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            ? new Dictionary<string, string[]> { [message[..colon]] = [message[(colon + 1)..].Trim()] }
            : new Dictionary<string, string[]> { [""] = [message] };
    }
}
