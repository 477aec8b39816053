using System.Text.Json;
using System.Text.Json.Nodes;
using EcomOps.Grains.NetSuite;

namespace EcomOps.Grains.Tests.NetSuite;

/// <summary>Reads the same contract examples the RESTlet's jest tests check its answers against.</summary>
public sealed class RestletContractTests
{
    public static TheoryData<string> Responses => new(Examples().Where(f => f.EndsWith(".response.json", StringComparison.Ordinal)).Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Responses))]
    public void EveryExampleResponseReadsAndWritesBackUnchanged(string file)
    {
        var json = File.ReadAllText(Example(file));
        var response = JsonSerializer.Deserialize<RestletResponse>(json, RestletJson.Options)!;
        Assert.Equal(1, response.Version);
        Assert.Equal(response.Ok, response.Error is null);
        Assert.All(response.Rows, row => Assert.Equal(response.Columns.Count, row.Values.Count));

        // Written back with nulls kept, as the RESTlet writes them: every field must have survived the C# types.
        var written = JsonNode.Parse(JsonSerializer.Serialize(response, new JsonSerializerOptions(JsonSerializerDefaults.Web)))!.AsObject();
        var original = JsonNode.Parse(json)!.AsObject();
        foreach (var (name, value) in original)
        {
            Assert.True(JsonNode.DeepEquals(value, written[name]), $"{file}: {name} changed to {written[name]?.ToJsonString()}");
        }
    }

    [Fact]
    public void TheExampleRequestIsWhatTheClientWrites()
    {
        var request = new RestletRequest
        {
            SearchId = "customsearch_ecomops_orders",
            PageSize = 5,
            PageIndex = 0,
            Pages = 1,
            ModifiedAfter = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            IdRange = new RestletIdRange(1000, 2000),
        };
        var written = JsonNode.Parse(JsonSerializer.Serialize(request, RestletJson.Options))!;
        var example = JsonNode.Parse(File.ReadAllText(Example("saved-search-page.request.json")))!;
        written["modifiedAfter"] = DateTimeOffset.Parse(written["modifiedAfter"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(JsonNode.DeepEquals(example, written), written.ToJsonString());
    }

    private static IEnumerable<string> Examples() => Directory.EnumerateFiles(ExampleFolder(), "*.json");

    private static string Example(string file) => Path.Combine(ExampleFolder(), file);

    private static string ExampleFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "restlet", "contract", "examples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("restlet/contract/examples not found above the test output.");
    }
}
