namespace EcomOps.Grains.Common;

public enum ActorType
{
    User,
    ApiKey,
    System,
}
