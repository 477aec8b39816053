namespace EcomOps.Runtime.Hosting;

/// <summary>Where this silo is in its life, as it sees itself.</summary>
internal sealed class SiloLifecycle
{
    public SiloStatus Status { get; set; } = SiloStatus.Joining;

    /// <summary>True while the silo accepts grain calls: after it joined, until it is dead or fenced.</summary>
    public bool IsServing { get; set; }

    /// <summary>Cancelled when the silo leaves the cluster: call streams tell their callers to go elsewhere.</summary>
    public CancellationToken Leaving => leaving.Token;

    private readonly CancellationTokenSource leaving = new();

    public void Leave() => leaving.Cancel();
}
