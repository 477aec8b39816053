namespace EcomOps.Bench;

public sealed class BenchState
{
    public int Value { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
