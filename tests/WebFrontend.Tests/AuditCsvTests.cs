using EcomOps.WebFrontend.Api;

namespace EcomOps.WebFrontend.Tests;

public sealed class AuditCsvTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("@sum", "'@sum")]
    public void FieldsAreQuotedAndFormulasDefused(string? value, string expected) => Assert.Equal(expected, AuditCsv.Field(value));
}
