namespace EcomOps.Runtime;

/// <summary>A silo's internal endpoint and its generation, which tells a restarted silo on the same port apart.</summary>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    public Uri Endpoint { get; } = new($"http://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}/");

    /// <summary>Where call streams open.</summary>
    internal Uri StreamUri => field ??= new Uri(Endpoint, "rt/stream");

    public override string ToString() => $"{Host}:{Port}@{Generation}";
}
