using FluentNets.Backends.Reference;

namespace FluentNets.Tests.Backends.Reference;

public class ReshapeTests
{
    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void FlattenUsesTheDslsHeightWidthChannelOrderNotTheNchwBuffer(Precision precision)
    {
        // A 2x2 image with two channels, planes [1 2 3 4] and [5 6 7 8]: feature (h * W + w) * C + c.
        var net = Net.Input(2, 2, 2).Flatten().Compile(precision);

        Assert.Equal([1, 5, 2, 6, 3, 7, 4, 8], net.Run([1, 2, 3, 4, 5, 6, 7, 8]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void ADenseLayerAfterFlattenSeesKerasFeatureOrder(Precision precision)
    {
        // Weight 1 on feature 1 only: in (H, W, C) order that is channel 1 at (0, 0), the value 5.
        var net = Net.Input(2, 2, 2).Flatten().Dense(1, bias: false, name: "fc").Compile(precision)
            .With(("fc.weight", [0, 1, 0, 0, 0, 0, 0, 0]));

        Assert.Equal([5], net.Run([1, 2, 3, 4, 5, 6, 7, 8]));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void ZeroPadSurroundsThePlaneSideBySide(Precision precision)
    {
        var net = Net.Input(1, 1, 1).ZeroPad((1, 0, 0, 2)).Compile(precision);

        Assert.Equal([0, 0, 0, 7, 0, 0], net.Run([7]));
    }
}
