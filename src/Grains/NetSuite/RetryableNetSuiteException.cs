namespace EcomOps.Grains.NetSuite;

/// <summary>A failure worth another attempt: NetSuite busy, over the account's concurrency limit, unreachable, or its
/// answer cut short. <see cref="RenewedCredentials"/> marks a refused bearer token that was dropped, whose retry goes at
/// once; the others wait <see cref="RetryAfter"/> or the retry policy's backoff.</summary>
internal sealed class RetryableNetSuiteException(string code, string message, TimeSpan? retryAfter = null, bool renewedCredentials = false)
    : NetSuiteException(code, message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool RenewedCredentials { get; } = renewedCredentials;
}
