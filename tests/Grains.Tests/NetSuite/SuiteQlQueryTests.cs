using EcomOps.Sandboxes.NetSuite;

namespace EcomOps.Grains.Tests.NetSuite;

/// <summary>The SuiteQL subset the sandbox understands, and what it refuses.</summary>
public sealed class SuiteQlQueryTests
{
    [Fact]
    public void ReadsColumnsTableAndIdBounds()
    {
        var query = SuiteQlQuery.Parse("select ID, CompanyName from Customer where id > 10 and (id <= 20) and id >= 5 order by id asc");

        Assert.Equal("customer", query.Table);
        Assert.Equal(["id", "companyname"], query.Columns);
        Assert.Equal(11, query.FromId);
        Assert.Equal(21, query.ToId);
        Assert.Null(query.ModifiedAfter);
        Assert.Null(SuiteQlQuery.Parse("SELECT * FROM item").Columns);
        Assert.Equal((7L, 8L), (SuiteQlQuery.Parse("SELECT id FROM item WHERE id = 7").FromId, SuiteQlQuery.Parse("SELECT id FROM item WHERE id = 7").ToId));
    }

    [Fact]
    public void ReadsAModifiedSinceWatermark()
    {
        var atOrAfter = SuiteQlQuery.Parse("SELECT id FROM item WHERE lastmodifieddate >= TO_TIMESTAMP('2026-11-20 08:30:00', 'YYYY-MM-DD HH24:MI:SS')");
        var after = SuiteQlQuery.Parse("SELECT id FROM item WHERE lastmodifieddate > TO_TIMESTAMP('2026-11-20 08:30:00', 'YYYY-MM-DD HH24:MI:SS')");

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero), atOrAfter.ModifiedAfter);
        Assert.True(after.ModifiedAfter > atOrAfter.ModifiedAfter);
    }

    [Theory]
    [InlineData("SELECT id FROM customer WHERE companyname = 'Acme'")]
    [InlineData("SELECT id FROM customer WHERE id > 1 OR id < 5")]
    [InlineData("SELECT id FROM customer ORDER BY companyname")]
    [InlineData("SELECT id FROM customer JOIN item ON item.id = customer.id")]
    [InlineData("SELECT id FROM item WHERE lastmodifieddate >= TO_DATE('2026-11-20', 'YYYY-MM-DD')")]
    [InlineData("SELECT id FROM item WHERE lastmodifieddate >= TO_TIMESTAMP('20.11.2026', 'DD.MM.YYYY')")]
    [InlineData("SELECT id FROM item; DELETE FROM item")]
    [InlineData("SELECT COUNT(*) FROM item")]
    [InlineData("SELECT id")]
    public void RefusesWhatItDoesNotUnderstandAsNetSuiteRefusesAQuery(string text)
    {
        var error = Assert.Throws<SuiteQlError>(() => SuiteQlQuery.Parse(text));

        Assert.Equal(400, error.Status);
        Assert.Equal("INVALID_PARAMETER", error.Code);
        Assert.Equal("q", error.QueryParameter);
    }
}
