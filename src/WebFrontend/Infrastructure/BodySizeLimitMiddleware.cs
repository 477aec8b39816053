using EcomOps.WebFrontend.Hosting;
using Microsoft.Extensions.Options;

namespace EcomOps.WebFrontend.Infrastructure;

/// <summary>Refuses a request whose declared body is over the limit before anything reads it (413, as Problem Details
/// on the API). Kestrel enforces the same limit on bodies of undeclared length.</summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, IOptions<WebFrontendOptions> options)
{
    public Task InvokeAsync(HttpContext context) =>
        context.Request.ContentLength > options.Value.MaxRequestBodyBytes
            ? throw new BadHttpRequestException($"The request body is larger than the {options.Value.MaxRequestBodyBytes} bytes accepted.", StatusCodes.Status413PayloadTooLarge)
            : next(context);
}
