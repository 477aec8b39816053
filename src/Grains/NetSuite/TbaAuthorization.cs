using System.Security.Cryptography;

namespace EcomOps.Grains.NetSuite;

/// <summary>Token-Based Authentication: every request signed with HMAC-SHA256 and a nonce of its own, as NetSuite refuses
/// a nonce it has seen.</summary>
public sealed class TbaAuthorization(TbaCredentials credentials, TimeProvider time) : NetSuiteAuthorization
{
    public override string AccountId => credentials.AccountId;

    public override string RejectionAdvice => "Check the consumer key and secret, the token, and the account id.";

    public override ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        request.Headers.TryAddWithoutValidation("Authorization",
            TbaSigner.AuthorizationHeader(request.Method, request.RequestUri!, credentials, nonce, time.GetUtcNow().ToUnixTimeSeconds()));
        return ValueTask.CompletedTask;
    }
}
