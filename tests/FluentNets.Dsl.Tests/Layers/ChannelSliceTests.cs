using FluentNets.Analysis;
using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class ChannelSliceTests
{
    [Theory]
    [InlineData(0, 58, "28x28x58")]
    [InlineData(58, 58, "28x28x58")]
    [InlineData(115, 1, "28x28x1")]
    [InlineData(0, 116, "28x28x116")]
    public void ASliceKeepsHeightAndWidthAndTakesCountChannels(int start, int count, string expected)
    {
        var node = Net.Input(28, 28, 116).SliceChannels(start, count).Node;

        Assert.Equal(expected, node.Shape.ToString());
        Assert.Equal(new ChannelSlice(start, count), node.Layer);
        Assert.Equal(("channel_slice", "ChannelSlice"), (node.Name, node.Layer.KerasType));
        Assert.Equal(ParamCount.Zero, node.Params);
    }

    [Fact]
    public void OnAVectorItIsAVectorOfCountFeatures() =>
        Assert.Equal(Shape.Vector(3), Net.Input(10).Apply<Vector>(new ChannelSlice(4, 3), null).Shape);

    [Theory]
    [InlineData(-1, 4, "channel_slice: channels -1 to 2 must lie within the input's 116. Received: start=-1, count=4.")]
    [InlineData(0, 0, "channel_slice: channels 0 to -1 must lie within the input's 116. Received: start=0, count=0.")]
    [InlineData(4, -2, "channel_slice: channels 4 to 1 must lie within the input's 116. Received: start=4, count=-2.")]
    [InlineData(100, 17, "channel_slice: channels 100 to 116 must lie within the input's 116. Received: start=100, count=17.")]
    [InlineData(116, 1, "channel_slice: channels 116 to 116 must lie within the input's 116. Received: start=116, count=1.")]
    [InlineData(int.MaxValue, 2, "channel_slice: channels 2147483647 to 2147483648 must lie within the input's 116. Received: start=2147483647, count=2.")]
    public void TheChannelsMustLieWithinTheInput(int start, int count, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(28, 28, 116).SliceChannels(start, count));

        Assert.Equal(message, error.Message);
        Assert.Equal("channel_slice", error.Layer);
    }

    [Fact]
    public void SplitChannelsIsTorchvisionsChunkIntoEqualSlices()
    {
        // ShuffleNet V2's stride-1 unit: x1, x2 = x.chunk(2, dim=1) on 116 channels gives 58 and 58.
        var parts = Net.Input(28, 28, 116).SplitChannels();

        Assert.Equal([new ChannelSlice(0, 58), new ChannelSlice(58, 58)], parts.Select(p => p.Node.Layer));
        Assert.Equal(["channel_slice", "channel_slice_1"], parts.Select(p => p.Name));
        Assert.All(parts, p => Assert.Equal(Shape.Image(28, 28, 58), p.Shape));
    }

    [Fact]
    public void NamedSplitsAreNumberedFromZero()
    {
        var parts = Net.Input(8, 8, 12).SplitChannels(3, "split");

        Assert.Equal(["split_0", "split_1", "split_2"], parts.Select(p => p.Name));
        Assert.Equal([0, 4, 8], parts.Select(p => ((ChannelSlice)p.Node.Layer).Start));
        Assert.All(parts, p => Assert.Equal(4, p.Shape.Channels));
    }

    [Fact]
    public void OnePartIsTheWholeInput() =>
        Assert.Equal(new ChannelSlice(0, 12), Assert.Single(Net.Input(8, 8, 12).SplitChannels(1)).Node.Layer);

    [Theory]
    [InlineData(5, null, "channel_slice: 5 equal parts must divide the input's channels 12. Received: parts=5.")]
    [InlineData(0, null, "channel_slice: 0 equal parts must divide the input's channels 12. Received: parts=0.")]
    [InlineData(-3, null, "channel_slice: -3 equal parts must divide the input's channels 12. Received: parts=-3.")]
    [InlineData(24, "split", "split_0: 24 equal parts must divide the input's channels 12. Received: parts=24.")]
    public void TheChannelsMustSplitEvenly(int parts, string? name, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 12).SplitChannels(parts, name));

        Assert.Equal(message, error.Message);
        Assert.Equal(name is null ? "channel_slice" : "split_0", error.Layer);
    }

    [Fact]
    public void SplittingNothingIsAnArgumentError() =>
        Assert.Throws<ArgumentNullException>(() => ((Net<Image>)null!).SplitChannels());

    [Fact]
    public void TheReceptiveFieldIsTheInputs()
    {
        var x = Net.Input(16, 16, 8).Conv(8, 5).SliceChannels(2, 4);

        Assert.Equal(new ReceptiveField(new(5, 1, 2.5), new(5, 1, 2.5)), x.ToNetwork().Analysis[x.Name].ReceptiveField);
    }
}
