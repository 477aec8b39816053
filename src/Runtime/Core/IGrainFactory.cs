namespace EcomOps.Runtime;

/// <summary>Hands out references to virtual grains. A reference is cheap, never activates anything by itself,
/// and every call through it is an asynchronous message to the single activation of that grain.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;
}
