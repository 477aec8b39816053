namespace EcomOps.Grains.Tenancy;

public enum Plan
{
    Trial,
    Pro,
    Enterprise,
}
