using EcomOps.WebFrontend.Hosting;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddWebFrontend();
var app = builder.Build();
app.UseWebFrontend();
try
{
    // Before any hosted service is built, so a bad setting reads as one line, not a start-up stack trace.
    app.Services.GetService<IStartupValidator>()?.Validate();
    await app.RunAsync();
}
catch (OptionsValidationException exception)
{
    foreach (var failure in exception.Failures)
    {
        Console.Error.WriteLine($"Configuration error: {failure}");
    }

    return 2;
}

return 0;

/// <summary>The web frontend's entry point, named so tests can find its assembly.</summary>
public partial class Program;
