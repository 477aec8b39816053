using EcomOps.Grains.Hosting;
using EcomOps.Runtime.Hosting;
using EcomOps.Runtime.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var builder = Host.CreateApplicationBuilder(args);
builder.AddStructuredLogging();
builder.AddSilo(silo => silo.AddProductGrains());

using var host = builder.Build();
try
{
    // Before any hosted service is built, so a bad setting reads as one line, not a start-up stack trace.
    host.Services.GetService<IStartupValidator>()?.Validate();
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
catch (Npgsql.NpgsqlException exception)
{
    Console.Error.WriteLine($"Cannot use the cluster database: {exception.Message} (check Cluster:ConnectionString)");
    return 3;
}

return 0;
