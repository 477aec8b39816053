using System.Security.Cryptography;
using System.Text;
using EcomOps.Grains.NetSuite;

namespace EcomOps.Grains.Tests.NetSuite;

public sealed class TbaSignerTests
{
    private static List<KeyValuePair<string, string>> OAuth(string consumerKey, string token, string nonce, long timestamp) =>
        TbaSigner.OAuthParameters(consumerKey, token, nonce, timestamp, OAuthSignatureMethod.HmacSha1);

    [Fact]
    public void MatchesTheOAuthSpecificationsPublishedExample()
    {
        // OAuth Core 1.0, Appendix A.5 ("Accessing Protected Resources").
        var uri = new Uri("http://photos.example.net/photos?file=vacation.jpg&size=original");
        var baseString = TbaSigner.BaseString(HttpMethod.Get, uri, OAuth("dpf43f3p2l4k3l03", "nnch734d00sl2jdk", "kllo9940pd9333jh", 1191242096));
        Assert.Equal(
            "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal",
            baseString);
        Assert.Equal("tR3+Ty81lMeYAr/Fid0kMTYa/WM=", TbaSigner.Sign(baseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00", OAuthSignatureMethod.HmacSha1));
    }

    [Fact]
    public void MatchesTheWidelyPublishedPostExampleWithEncodedFormParameters()
    {
        // Twitter's "Creating a signature" walk-through: spaces, '+' and '!' in a form parameter.
        var baseString = TbaSigner.BaseString(
            HttpMethod.Post,
            new Uri("https://api.twitter.com/1.1/statuses/update.json"),
            OAuth("xvz1evFS4wEEPTGEFPHBog", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", 1318622958),
            [new("status", "Hello Ladies + Gentlemen, a signed OAuth request!"), new("include_entities", "true")]);
        Assert.Equal("hCtSmYh+iHYCEqBWrE7C7hYmtUk=",
            TbaSigner.Sign(baseString, "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE", OAuthSignatureMethod.HmacSha1));
    }

    [Fact]
    public void SignsNetSuiteRestletCallsWithHmacSha256TheUnsignedRealmAndTheScriptParameters()
    {
        var credentials = new TbaCredentials("1234567_SB1", "consumer key", "consumer/secret", "token id", "token+secret");
        var uri = new Uri("https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=customscript_ecomops_search&deploy=customdeploy_ecomops_search");
        var header = TbaSigner.AuthorizationHeader(HttpMethod.Post, uri, credentials, "n0nce", 1_700_000_000);

        Assert.StartsWith("OAuth realm=\"1234567_SB1\",oauth_consumer_key=\"consumer%20key\",oauth_token=\"token%20id\",oauth_signature_method=\"HMAC-SHA256\",", header);
        var signature = Uri.UnescapeDataString(header[(header.IndexOf("oauth_signature=\"", StringComparison.Ordinal) + 17)..^1]);

        // Recomputed from first principles: script and deploy signed, realm not; key is the two encoded secrets.
        var expectedBase = "POST&https%3A%2F%2F1234567-sb1.restlets.api.netsuite.com%2Fapp%2Fsite%2Fhosting%2Frestlet.nl&" +
            "deploy%3Dcustomdeploy_ecomops_search%26oauth_consumer_key%3Dconsumer%2520key%26oauth_nonce%3Dn0nce%26oauth_signature_method%3DHMAC-SHA256%26" +
            "oauth_timestamp%3D1700000000%26oauth_token%3Dtoken%2520id%26oauth_version%3D1.0%26script%3Dcustomscript_ecomops_search";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("consumer%2Fsecret&token%2Bsecret"), Encoding.UTF8.GetBytes(expectedBase)));
        Assert.Equal(expected, signature);
    }

    [Theory]
    [InlineData("abcXYZ019-._~", "abcXYZ019-._~")]
    [InlineData("Ladies + Gentlemen!", "Ladies%20%2B%20Gentlemen%21")]
    [InlineData("a/b=c&d", "a%2Fb%3Dc%26d")]
    [InlineData("☃", "%E2%98%83")]
    public void EncodesPerRfc3986(string value, string encoded) => Assert.Equal(encoded, TbaSigner.Encode(value));

    [Fact]
    public void CredentialsNeverPrintTheirSecrets()
    {
        var text = new TbaCredentials("1234567", "ck-visible?", "cs-secret", "tid", "ts-secret").ToString();
        Assert.DoesNotContain("cs-secret", text);
        Assert.DoesNotContain("ts-secret", text);
        Assert.Contains("1234567", text);
    }
}
