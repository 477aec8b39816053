namespace EcomOps.Grains.Tenancy;

public sealed record RefreshResult(RefreshStatus Status, IssuedRefreshToken? Token);
