namespace EcomOps.Sandboxes.NetSuite;

/// <summary>A SuiteQL request REST web services refuse, answered in their RFC 7807-like error shape.</summary>
public sealed class SuiteQlError(int status, string code, string detail, string? queryParameter) : Exception(detail)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string? QueryParameter { get; } = queryParameter;

    public static SuiteQlError InvalidQuery(string description) =>
        new(StatusCodes.Status400BadRequest, "INVALID_PARAMETER", "Invalid search query. Detailed unprocessed description follows. " + description, "q");

    public static SuiteQlError Unsupported() => InvalidQuery("Search error occurred: Invalid or unsupported search.");
}
