namespace EcomOps.Grains.Common;

/// <summary>The thing asked for does not exist for this tenant (answered as 404, never as "forbidden").</summary>
public sealed class NotFoundException(string message) : Exception(message);
