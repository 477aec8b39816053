namespace EcomOps.Runtime.Transport;

/// <summary>The one header a failed call's response carries, naming why it failed.</summary>
internal static class WireHeaders
{
    public const string Error = "rt-error";

    public const string ErrorMoved = "moved";
    public const string ErrorUnavailable = "unavailable";
    public const string ErrorException = "exception";
    public const string ErrorTimeout = "timeout";
}
