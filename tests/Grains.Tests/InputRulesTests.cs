using EcomOps.Grains.Common;
using EcomOps.Grains.Tenancy;

namespace EcomOps.Grains.Tests;

public sealed class InputRulesTests
{
    [Fact]
    public void EmailsAreTrimmedAndLowerCasedAndNonsenseIsRefusedByField()
    {
        Assert.Equal("ana@example.com", InputRules.Email("  Ana@Example.COM "));
        foreach (var bad in new[] { null, "", "ana", "@example.com", "ana@", "a na@example.com", new string('a', 250) + "@x.io" })
        {
            var error = Assert.Throws<InvalidInputException>(() => InputRules.Email(bad));
            Assert.StartsWith("email:", error.Message);
        }
    }

    [Fact]
    public void PasswordsNeedTenToTwoHundredFiftySixCharacters()
    {
        Assert.Equal("0123456789", InputRules.Password("password", "0123456789"));
        Assert.StartsWith("newPassword:", Assert.Throws<InvalidInputException>(() => InputRules.Password("newPassword", "short")).Message);
        Assert.Throws<InvalidInputException>(() => InputRules.Password("password", new string('x', 257)));
    }

    [Fact]
    public void TimeZonesAreIanaNamesDefaultingToUtc()
    {
        Assert.Equal("UTC", InputRules.TimeZone(null));
        Assert.Equal("Europe/Berlin", InputRules.TimeZone("Europe/Berlin"));
        Assert.StartsWith("timeZone:", Assert.Throws<InvalidInputException>(() => InputRules.TimeZone("Mars/Olympus")).Message);
    }
}
