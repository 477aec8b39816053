namespace EcomOps.Runtime.Tests.Grains;

public sealed class Payload
{
    public List<string> Items { get; set; } = [];
}
