namespace EcomOps.Grains.Common;

/// <summary>The request clashes with current state: a duplicate, or a rule such as "a tenant keeps one Owner" (409).</summary>
public sealed class ConflictException(string message) : Exception(message);
