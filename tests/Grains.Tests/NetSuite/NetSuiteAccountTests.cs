using EcomOps.Grains.NetSuite;

namespace EcomOps.Grains.Tests.NetSuite;

public sealed class NetSuiteAccountTests
{
    [Theory]
    [InlineData("1234567_SB1", "1234567_SB1", "1234567-sb1.restlets.api.netsuite.com", "1234567-sb1.suitetalk.api.netsuite.com")]
    [InlineData("1234567-sb1", "1234567_SB1", "1234567-sb1.restlets.api.netsuite.com", "1234567-sb1.suitetalk.api.netsuite.com")]
    [InlineData(" tstdrv2345 ", "TSTDRV2345", "tstdrv2345.restlets.api.netsuite.com", "tstdrv2345.suitetalk.api.netsuite.com")]
    public void MapsAccountIdsToRealmAndHosts(string accountId, string realm, string restletHost, string suiteTalkHost)
    {
        Assert.Equal(realm, NetSuiteAccount.Realm(accountId));
        Assert.Equal(restletHost, NetSuiteAccount.RestletHost(accountId));
        Assert.Equal(suiteTalkHost, NetSuiteAccount.SuiteTalkHost(accountId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234567.evil.com/")]
    [InlineData("acct id")]
    public void RefusesAnythingThatIsNotAnAccountId(string accountId) =>
        Assert.Throws<ArgumentException>(() => NetSuiteAccount.RestletHost(accountId));
}
