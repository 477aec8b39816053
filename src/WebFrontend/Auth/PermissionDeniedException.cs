namespace EcomOps.WebFrontend.Auth;

/// <summary>The caller's role may not do this particular thing (answered as 403).</summary>
public sealed class PermissionDeniedException(string message) : Exception(message);
