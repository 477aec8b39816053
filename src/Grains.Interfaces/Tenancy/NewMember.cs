namespace EcomOps.Grains.Tenancy;

/// <summary>A member just added, with the temporary password to hand them when none was chosen (shown once).</summary>
public sealed record NewMember(Member Member, string? TemporaryPassword);
