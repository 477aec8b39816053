using EcomOps.Grains.NetSuite;
using EcomOps.Sandboxes.NetSuite;

// The sandbox on its own, for the run command's demo tenant: one account whose credentials come from the environment.
var options = new SandboxOptions
{
    Port = int.Parse(Environment.GetEnvironmentVariable("SANDBOX_PORT") ?? "5090", System.Globalization.CultureInfo.InvariantCulture),
    RowsPerDataSet = long.Parse(Environment.GetEnvironmentVariable("SANDBOX_ROWS") ?? "5000", System.Globalization.CultureInfo.InvariantCulture),
};
options.Accounts.Add(new TbaCredentials(
    Environment.GetEnvironmentVariable("SANDBOX_ACCOUNT") ?? "1234567_SB1",
    Required("SANDBOX_CONSUMER_KEY"), Required("SANDBOX_CONSUMER_SECRET"), Required("SANDBOX_TOKEN_ID"), Required("SANDBOX_TOKEN_SECRET")));
await using var sandbox = await NetSuiteSandboxHost.StartAsync(options);
Console.WriteLine($"NetSuite sandbox: RESTlet at {sandbox.RestletUrl}");
await Task.Delay(Timeout.Infinite);

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"Set {name}.");
