namespace EcomOps.Grains.NetSuite;

/// <summary>How a connection signs its requests. NetSuite accepts no new TBA integrations from release 2027.1;
/// OAuth 2.0 client credentials replace it.</summary>
public enum NetSuiteAuthMethod
{
    Tba,
    OAuth2ClientCredentials,
}
