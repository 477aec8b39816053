using EcomOps.Runtime;
using EcomOps.Runtime.Logging;
using EcomOps.TestingHost;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace EcomOps.Silo.Tests;

public sealed class GrainContextEnricherTests
{
    [Fact]
    public async Task EveryLineWrittenInsideAGrainCallNamesTheGrainAndTheCorrelation()
    {
        var sink = new CollectingSink();
        await using var database = await TestDatabase.CreateAsync();
        var options = new TestClusterOptions
        {
            InitialSilos = 1,
            ConfigureHost = builder =>
            {
                builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Information);
                builder.Logging.AddSerilog(new LoggerConfiguration().MinimumLevel.Information().Enrich.With<GrainContextEnricher>().WriteTo.Sink(sink).CreateLogger(), dispose: true);
            },
        };
        options.GrainAssemblies.Add(typeof(TalkativeGrain).Assembly);
        await using var cluster = await TestCluster.StartAsync(database.ConnectionString, options);

        RequestContext.CorrelationId = "corr-log-1";
        try
        {
            await cluster.Client.GetGrain<ITalkativeGrain>("parrot").SayAsync("hello");
        }
        finally
        {
            RequestContext.Clear();
        }

        var line = Assert.Single(sink.Events, e => e.MessageTemplate.Text == "Said {Text}");
        Assert.Equal("\"talkative\"", line.Properties["GrainType"].ToString());
        Assert.Equal("\"parrot\"", line.Properties["GrainKey"].ToString());
        Assert.Equal("\"corr-log-1\"", line.Properties["CorrelationId"].ToString());

        // Lines outside any grain call carry no grain.
        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Information && !e.Properties.ContainsKey("GrainType"));
    }
}
