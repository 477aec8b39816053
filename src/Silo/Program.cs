using System.Reflection;
using EcomOps.Runtime.Hosting;
using EcomOps.Silo.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var builder = Host.CreateApplicationBuilder(args);
builder.AddStructuredLogging();
builder.AddSilo(silo => silo.AddGrains(Assembly.Load(new AssemblyName("EcomOps.Grains"))));

using var host = builder.Build();
try
{
    await host.RunAsync();
}
catch (OptionsValidationException exception)
{
    // Configuration mistakes get one readable line each, not a stack trace.
    foreach (var failure in exception.Failures)
    {
        Console.Error.WriteLine($"Configuration error: {failure}");
    }

    return 2;
}

return 0;
