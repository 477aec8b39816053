namespace EcomOps.Runtime.Tests.Grains;

public sealed class ValueState
{
    public string? Value { get; set; }

    public List<string> History { get; set; } = [];
}
