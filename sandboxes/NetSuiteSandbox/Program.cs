using EcomOps.Grains.NetSuite;
using EcomOps.Sandboxes.NetSuite;

// The sandbox on its own, for the run command's demo tenant: one account whose TBA credentials, and OAuth 2.0 client if
// SANDBOX_OAUTH2_CLIENT_ID is set, come from the environment.
var options = new SandboxOptions
{
    Port = int.Parse(Environment.GetEnvironmentVariable("SANDBOX_PORT") ?? "5090", System.Globalization.CultureInfo.InvariantCulture),
    RowsPerDataSet = long.Parse(Environment.GetEnvironmentVariable("SANDBOX_ROWS") ?? "5000", System.Globalization.CultureInfo.InvariantCulture),
};
var account = Environment.GetEnvironmentVariable("SANDBOX_ACCOUNT") ?? "1234567_SB1";
options.Accounts.Add(new TbaCredentials(
    account, Required("SANDBOX_CONSUMER_KEY"), Required("SANDBOX_CONSUMER_SECRET"), Required("SANDBOX_TOKEN_ID"), Required("SANDBOX_TOKEN_SECRET")));
if (Environment.GetEnvironmentVariable("SANDBOX_OAUTH2_CLIENT_ID") is { Length: > 0 } clientId)
{
    options.OAuth2Clients.Add(new SandboxOAuth2Client(
        account, clientId, Required("SANDBOX_OAUTH2_CERTIFICATE_ID"), await File.ReadAllTextAsync(Required("SANDBOX_OAUTH2_PUBLIC_KEY_FILE"))));
}

await using var sandbox = await NetSuiteSandboxHost.StartAsync(options);
Console.WriteLine($"NetSuite sandbox: RESTlet at {sandbox.RestletUrl}, token endpoint and SuiteQL under {sandbox.SuiteTalkUrl}");
await sandbox.WaitForShutdownAsync();

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"Set {name}.");
