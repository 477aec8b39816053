namespace EcomOps.Sandboxes.NetSuite;

/// <summary>The token endpoint refuses a request: <see cref="Error"/> is the OAuth error NetSuite answers
/// (<c>invalid_request</c>, <c>invalid_client</c>, <c>invalid_grant</c>, <c>invalid_scope</c>), <see cref="Reason"/>
/// what the sandbox records, as NetSuite records the detail in its Login Audit Trail rather than in the answer.</summary>
internal sealed class OAuth2Refusal(string error, string reason) : Exception(reason)
{
    public string Error { get; } = error;

    public string Reason { get; } = reason;
}
