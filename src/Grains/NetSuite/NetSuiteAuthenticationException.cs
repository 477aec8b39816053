namespace EcomOps.Grains.NetSuite;

/// <summary>NetSuite did not accept the credentials (401/403, INVALID_LOGIN_ATTEMPT): wrong token, wrong account, or revoked.</summary>
public sealed class NetSuiteAuthenticationException(string code, string message) : NetSuiteException(code, message);
