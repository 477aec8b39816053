using System.Buffers;
using System.Text.Json;
using EcomOps.Runtime.Invocation;
using EcomOps.Runtime.Tests.Grains;
using EcomOps.Runtime.Transport;

namespace EcomOps.Runtime.Tests;

public sealed class WireTests
{
    [Fact]
    public void TheEnvelopeCarriesTargetMethodArgumentsContextAndChain()
    {
        var method = Method(nameof(IChainGrain.MutateAsync));
        var context = new Dictionary<string, string> { ["CorrelationId"] = "a&b=c\"", ["TenantId"] = "tenant ü/1" };
        var chain = CallChain.FromList([new GrainId("a", "x&y"), new GrainId("b", "k=v")]);
        var request = new GrainRequest(typeof(IChainGrain), "key/1", method, [new Payload { Items = ["one", "two"] }], method.CreateSink(), context, chain, TimeSpan.FromSeconds(5))
        {
            Target = new GrainId("chain", "key/1"),
        };

        var call = Read(WireFormat.WriteRequest(request, 4200), method);

        Assert.Equal(new GrainId("chain", "key/1"), call.Target);
        Assert.Same(method, call.Method);
        Assert.Equal(["one", "two"], Assert.IsType<Payload>(Assert.Single(call.Arguments)).Items);
        Assert.Equal(context, call.Context);
        Assert.Equal(chain!.Reverse(), call.Chain!.Reverse());
        Assert.True(call.Chain.Contains(new GrainId("a", "x&y")));
        Assert.Equal(TimeSpan.FromMilliseconds(4200), call.Timeout);
    }

    [Fact]
    public void MalformedEnvelopesAreRefusedWithAReason()
    {
        var bounce = Method(nameof(IChainGrain.BounceAsync));
        var wireName = bounce.WireName;
        string Envelope(string arguments) => $$"""{"t":"chain","k":"x","m":"{{wireName}}","a":{{arguments}}}""";

        Assert.Contains("fewer", Assert.Throws<JsonException>(() => Read(Envelope("[\"a\"]"), bounce)).Message);
        Assert.Contains("more", Assert.Throws<JsonException>(() => Read(Envelope("[\"a\",1,2]"), bounce)).Message);
        Assert.Contains("Unknown grain method", Assert.Throws<JsonException>(() => Read(Envelope("[]").Replace(wireName, "Nope::X()", StringComparison.Ordinal), bounce)).Message);
        Assert.Contains("needs a grain type", Assert.Throws<JsonException>(() => Read("{\"t\":\"chain\"}", bounce)).Message);
        Assert.ThrowsAny<JsonException>(() => Read("not json", bounce));
    }

    [Fact]
    public void ExceptionsAreRebuiltWithTheirTypeOrNamedWhenUnknown()
    {
        var known = WireFormat.ReadException(new ReadOnlySequence<byte>(WireFormat.WriteException(new InvalidOperationException("nope"))));
        Assert.Equal("nope", Assert.IsType<InvalidOperationException>(known).Message);

        var unknown = WireFormat.ReadException(new ReadOnlySequence<byte>("{\"Type\":\"Some.Missing.Error, Missing\",\"Message\":\"gone\"}"u8.ToArray()));
        var wrapped = Assert.IsType<GrainCallException>(unknown);
        Assert.Equal("Some.Missing.Error, Missing", wrapped.OriginalType);
        Assert.Equal("gone", wrapped.Message);
    }

    [Fact]
    public void FramesRoundTripAndOversizedOnesAreRefused()
    {
        var output = new ArrayBufferWriter<byte>();
        Frames.WriteRequest(output, 7, "{}"u8);
        Frames.WriteResponse(output, 8, FrameStatus.Moved, []);
        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);

        Assert.True(Frames.TryRead(ref buffer, out var first, out var firstBody));
        Assert.Equal(7UL, first);
        Assert.Equal("{}"u8.ToArray(), firstBody.ToArray());
        Assert.True(Frames.TryRead(ref buffer, out var second, out var secondBody));
        Assert.Equal(8UL, second);
        Assert.Equal([(byte)FrameStatus.Moved], secondBody.ToArray());
        Assert.False(Frames.TryRead(ref buffer, out _, out _));

        var partial = new ReadOnlySequence<byte>(output.WrittenMemory[..5]);
        Assert.False(Frames.TryRead(ref partial, out _, out _));
        var huge = new ReadOnlySequence<byte>(new byte[] { 0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 1 });
        Assert.Throws<InvalidDataException>(() => Frames.TryRead(ref huge, out _, out _));
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

    private static MethodDescriptor Method(string name) => MethodDescriptor.For(typeof(IChainGrain).GetMethod(name)!);

    private static IncomingCall Read(string envelope, MethodDescriptor method) => Read(System.Text.Encoding.UTF8.GetBytes(envelope), method);

    private static IncomingCall Read(byte[] envelope, MethodDescriptor method) =>
        WireFormat.ReadRequest(new ReadOnlySequence<byte>(envelope), name => name == method.WireName ? method : null);
}
