namespace EcomOps.Runtime.Activation;

/// <summary>A persistent state of an activation, read before OnActivateAsync.</summary>
internal interface IStateBinding
{
    Task ReadAsync(CancellationToken cancellationToken);
}
