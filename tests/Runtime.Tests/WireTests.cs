using EcomOps.Runtime.Invocation;
using EcomOps.Runtime.Tests.Grains;
using EcomOps.Runtime.Transport;

namespace EcomOps.Runtime.Tests;

public sealed class WireTests
{
    [Fact]
    public void RequestContextAndCallChainSurviveTheHeaders()
    {
        var context = new Dictionary<string, string> { ["CorrelationId"] = "a&b=c", ["TenantId"] = "tenant ü/1" };
        Assert.Equal(context, WireHeaders.DecodeContext(WireHeaders.EncodeContext(context)));

        var chain = CallChain.FromList([new GrainId("a", "x&y"), new GrainId("b", "k=v")])!;
        var decoded = WireHeaders.DecodeChain(WireHeaders.EncodeChain(chain))!;
        Assert.Equal(chain.Reverse(), decoded.Reverse());
        Assert.True(decoded.Contains(new GrainId("a", "x&y")));
        Assert.False(decoded.Contains(new GrainId("a", "x")));
    }

    [Fact]
    public void ArgumentsRoundTripAsTheirDeclaredTypes()
    {
        var method = MethodDescriptor.For(typeof(IChainGrain).GetMethod(nameof(IChainGrain.MutateAsync))!);
        var bytes = WireFormat.WriteArguments(method, [new Payload { Items = ["one", "two"] }]);
        var arguments = WireFormat.ReadArguments(method, new System.Buffers.ReadOnlySequence<byte>(bytes));
        Assert.Equal(["one", "two"], Assert.IsType<Payload>(Assert.Single(arguments)).Items);
    }

    [Fact]
    public void TooFewOrTooManyArgumentsAreRefused()
    {
        var method = MethodDescriptor.For(typeof(IChainGrain).GetMethod(nameof(IChainGrain.BounceAsync))!);
        Assert.Throws<System.Text.Json.JsonException>(() => WireFormat.ReadArguments(method, new System.Buffers.ReadOnlySequence<byte>("[\"a\"]"u8.ToArray())));
        Assert.Throws<System.Text.Json.JsonException>(() => WireFormat.ReadArguments(method, new System.Buffers.ReadOnlySequence<byte>("[\"a\",1,2]"u8.ToArray())));
    }

    [Fact]
    public void ExceptionsAreRebuiltWithTheirTypeOrNamedWhenUnknown()
    {
        var known = WireFormat.ReadException(WireFormat.WriteException(new InvalidOperationException("nope")));
        Assert.Equal("nope", Assert.IsType<InvalidOperationException>(known).Message);

        var unknown = WireFormat.ReadException("{\"Type\":\"Some.Missing.Error, Missing\",\"Message\":\"gone\"}"u8.ToArray());
        var wrapped = Assert.IsType<GrainCallException>(unknown);
        Assert.Equal("Some.Missing.Error, Missing", wrapped.OriginalType);
        Assert.Equal("gone", wrapped.Message);
    }

    [Fact]
    public void OnlyTheClusterTokenAuthenticates()
    {
        var authenticator = new ClusterAuthenticator("secret-secret-secret", "cluster-a");
        Assert.True(authenticator.IsValid(authenticator.Token));
        Assert.False(authenticator.IsValid(new ClusterAuthenticator("secret-secret-secret", "cluster-b").Token));
        Assert.False(authenticator.IsValid(new ClusterAuthenticator("another-secret-here", "cluster-a").Token));
        Assert.False(authenticator.IsValid(null));
        Assert.DoesNotContain("secret-secret-secret", authenticator.Token);
    }

    [Fact]
    public void ImmutableValuesAreSharedAndMutableOnesCopied()
    {
        Assert.False(Copier.NeedsCopy(typeof(string)));
        Assert.False(Copier.NeedsCopy(typeof(TimeSpan?)));
        Assert.True(Copier.NeedsCopy(typeof(Payload)));
        var payload = new Payload { Items = ["x"] };
        var copy = Assert.IsType<Payload>(Copier.Copy(payload, typeof(Payload)));
        Assert.NotSame(payload, copy);
        Assert.Equal(payload.Items, copy.Items);
    }
}
