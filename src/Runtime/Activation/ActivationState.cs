namespace EcomOps.Runtime.Activation;

internal enum ActivationState
{
    Creating,
    Valid,
    Deactivating,
    Invalid,
}
