using EcomOps.Bench;

return args switch
{
    ["runtime"] => await RuntimeBenchmark.RunAsync(),
    ["sync"] => await SyncBenchmark.RunAsync(),
    ["silo-process", var connectionString, var clusterId, var secret, var siloPort, var echoPort] =>
        await RuntimeBenchmark.RunSiloProcessAsync(connectionString, clusterId, secret, int.Parse(siloPort, System.Globalization.CultureInfo.InvariantCulture), int.Parse(echoPort, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: bench/run.sh runtime|sync");
    return 2;
}
