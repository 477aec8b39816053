namespace EcomOps.Grains.NetSuite;

/// <summary>NetSuite refused or failed a request; <see cref="Code"/> is NetSuite's or the RESTlet contract's error code.</summary>
public class NetSuiteException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
