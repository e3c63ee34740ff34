using FluentNets.Analysis;
using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class ChannelShuffleTests
{
    [Theory]
    [InlineData(28, 28, 116, 2)] // ShuffleNet V2 x1.0, stage 2
    [InlineData(14, 14, 240, 3)] // ShuffleNet V1 (g = 3), stage 2
    [InlineData(7, 7, 8, 8)]
    [InlineData(7, 7, 8, 1)]
    public void AShuffleKeepsTheShapeAndHasNoWeights(int h, int w, int c, int groups)
    {
        var node = Net.Input(h, w, c).ChannelShuffle(groups).Node;

        Assert.Equal(Shape.Image(h, w, c), node.Shape);
        Assert.Equal(new ChannelShuffle(groups), node.Layer);
        Assert.Equal(("channel_shuffle", "ChannelShuffle"), (node.Name, node.Layer.KerasType));
        Assert.Equal(ParamCount.Zero, node.Params);
    }

    [Theory]
    [InlineData(0, "channel_shuffle: groups must be positive. Received: groups=0.")]
    [InlineData(-2, "channel_shuffle: groups must be positive. Received: groups=-2.")]
    [InlineData(3, "channel_shuffle: groups 3 must divide the input's channels 116.")]
    [InlineData(232, "channel_shuffle: groups 232 must divide the input's channels 116.")]
    public void TheGroupsMustDivideTheChannels(int groups, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(28, 28, 116).ChannelShuffle(groups));

        Assert.Equal(message, error.Message);
        Assert.Equal("channel_shuffle", error.Layer);
    }

    [Fact]
    public void TheReceptiveFieldIsTheInputs()
    {
        var x = Net.Input(16, 16, 8).Conv(8, 3, s: 2, pad: Padding.Same).ChannelShuffle(2);

        // SAME with a 3x3 stride-2 kernel on 16 pads 0 above and 1 below: centre 0.5 + (1 - 0) * 1.
        Assert.Equal(new ReceptiveField(new(3, 2, 1.5), new(3, 2, 1.5)), x.ToNetwork().Analysis[x.Name].ReceptiveField);
    }
}
