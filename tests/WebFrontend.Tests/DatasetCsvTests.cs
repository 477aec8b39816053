using EcomOps.Grains.NetSuite;
using EcomOps.WebFrontend.Api.NetSuite;

namespace EcomOps.WebFrontend.Tests;

public sealed class DatasetCsvTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("CUSTOMER-1", "CUSTOMER-1")]
    [InlineData("Smith, Jones & Co", "\"Smith, Jones & Co\"")]
    [InlineData("12.50", "12.50")]
    [InlineData("-12.50", "-12.50")]
    [InlineData("-7", "-7")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("-", "'-")]
    [InlineData("-12.", "'-12.")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("+44 20 7946 0000", "'+44 20 7946 0000")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    public void CellsAreQuotedFormulasDefusedAndNegativeNumbersKept(string? value, string expected) => Assert.Equal(expected, DatasetCsv.Field(value));

    [Fact]
    public void ARowIsItsInternalIdThenTheChosenColumnsShowingTextBeforeValue()
    {
        var columns = new[] { new DatasetColumn("entityid", null, null, "ID", "text"), new DatasetColumn("salesrep", null, null, null, "select"), new DatasetColumn("email", "contact", null, null, "email") };
        var row = new DatasetRow(42, [new DatasetCell("C-42", null), new DatasetCell("7", "Sam \"The Rep\""), new DatasetCell("=x@example.com", null)]);
        Assert.Equal("Internal ID,contact.email,ID", DatasetCsv.Header(columns, [2, 0]));
        Assert.Equal("Internal ID,ID,salesrep,contact.email", DatasetCsv.Header(columns, [0, 1, 2]));
        Assert.Equal("42,C-42,\"Sam \"\"The Rep\"\"\",'=x@example.com", DatasetCsv.Line(row, [0, 1, 2]));
        Assert.Equal("42,", DatasetCsv.Line(row with { Cells = [] }, [0]));
    }
}
