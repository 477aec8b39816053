namespace EcomOps.Grains.NetSuite;

/// <summary>How requests to one NetSuite account prove who sends them: Token-Based Authentication signs each request,
/// OAuth 2.0 client credentials send a bearer token. The RESTlet and SuiteQL clients take either.</summary>
public abstract class NetSuiteAuthorization
{
    public abstract string AccountId { get; }

    /// <summary>What to check when NetSuite refuses these credentials, for the person who set them up.</summary>
    public abstract string RejectionAdvice { get; }

    /// <summary>Sets the request's Authorization header. Called for every attempt, just before it is sent, because a TBA
    /// signature is single-use.</summary>
    public abstract ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>NetSuite refused the credentials <paramref name="rejected"/> carried. True when fresh credentials can be
    /// had, so that one more attempt may succeed (a bearer token NetSuite no longer honours is dropped); false when the
    /// same credentials would be refused again.</summary>
    public virtual bool ForgetRejected(HttpRequestMessage rejected) => false;
}
