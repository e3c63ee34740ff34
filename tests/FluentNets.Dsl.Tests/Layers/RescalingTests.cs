using FluentNets.Analysis;
using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class RescalingTests
{
    [Theory]
    [InlineData(224, 224, 3)]
    [InlineData(7, 5, 64)]
    public void KerasRescalingKeepsTheShapeAndHasNoWeights(int h, int w, int c)
    {
        var node = Net.Input(h, w, c).Rescale(1 / 255.0).Node;

        Assert.Equal(Shape.Image(h, w, c), node.Shape);
        Assert.Equal(("rescaling", "Rescaling"), (node.Name, node.Layer.KerasType));
        Assert.Empty(node.Parameters);
        Assert.Equal((0L, 0L), (node.Params.Total, node.Macs));
    }

    [Fact]
    public void OneScaleAndOffsetHoldForEveryChannel()
    {
        // Keras's Rescaling(scale=1/127.5, offset=-1) maps [0, 255] to [-1, 1], MobileNet's preprocessing.
        var spec = (Rescaling)Net.Input(8, 8, 3).Rescale(1 / 127.5, -1).Node.Layer;

        Assert.Equal(new Rescaling(new[] { 1 / 127.5 }, new[] { -1.0 }), spec);
        Assert.Equal([1 / 127.5, 1 / 127.5, 1 / 127.5], Enumerable.Range(0, 3).Select(spec.ScaleOf));
        Assert.Equal([-1.0, -1.0, -1.0], Enumerable.Range(0, 3).Select(spec.OffsetOf));
    }

    [Fact]
    public void ThePlainRescaleOffsetsByNothing() =>
        Assert.Equal(new Rescaling(new[] { 0.5 }, new[] { 0.0 }), Net.Input(4).Rescale(0.5).Node.Layer);

    [Fact]
    public void PerChannelValuesAreTakenChannelByChannel()
    {
        // torchvision's ImageNet normalisation (x - mean) / std as x * (1 / std) + (-mean / std).
        double[] mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225];
        double[] scale = std.Select(s => 1 / s).ToArray();
        double[] offset = mean.Select((m, i) => -m / std[i]).ToArray();

        var node = Net.Input(224, 224, 3).Rescale(scale, offset).Node;
        var spec = (Rescaling)node.Layer;

        Assert.Equal(Shape.Image(224, 224, 3), node.Shape);
        Assert.Equal(scale, Enumerable.Range(0, 3).Select(spec.ScaleOf));
        Assert.Equal(offset, Enumerable.Range(0, 3).Select(spec.OffsetOf));
    }

    [Fact]
    public void OneListMayHoldOneValueAndTheOtherOnePerChannel()
    {
        var spec = (Rescaling)Net.Input(4, 4, 2).Rescale([2.0], [1.0, -1.0]).Node.Layer;

        Assert.Equal((2.0, 2.0, 1.0, -1.0), (spec.ScaleOf(0), spec.ScaleOf(1), spec.OffsetOf(0), spec.OffsetOf(1)));
    }

    [Theory]
    [InlineData(new[] { 1.0, 2.0 }, new[] { 0.0 }, "rescaling: scale must have one value or one per channel (3). Received: scale=[1, 2].")]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, new[] { 0.0 }, "rescaling: scale must have one value or one per channel (3). Received: scale=[1, 2, 3, 4].")]
    [InlineData(new[] { 1.0 }, new[] { 0.0, 1.0 }, "rescaling: offset must have one value or one per channel (3). Received: offset=[0, 1].")]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, new double[0], "rescaling: offset must have one value or one per channel (3). Received: offset=[].")]
    public void EachListHoldsOneValueOrOnePerChannel(double[] scale, double[] offset, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 8, 3).Rescale(scale, offset));

        Assert.Equal(message, error.Message);
        Assert.Equal("rescaling", error.Layer);
    }

    [Theory]
    [InlineData(double.NaN, 0, "rescaling: scale and offset must be finite. Received: scale=[NaN], offset=[0].")]
    [InlineData(double.PositiveInfinity, 0, "rescaling: scale and offset must be finite. Received: scale=[{0}], offset=[0].")]
    [InlineData(1, double.NegativeInfinity, "rescaling: scale and offset must be finite. Received: scale=[1], offset=[-{0}].")]
    [InlineData(1, double.NaN, "rescaling: scale and offset must be finite. Received: scale=[1], offset=[NaN].")]
    public void ScaleAndOffsetMustBeFinite(double scale, double offset, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(16).Rescale(scale, offset));

        // {0} is infinity as the culture spells it ("Infinity", "∞").
        Assert.Equal(string.Format(message, double.PositiveInfinity), error.Message);
    }

    [Fact]
    public void TheReceptiveFieldIsTheInputs()
    {
        var x = Net.Input(17, 17, 3).Conv(4, 3, s: 2);
        var network = x.Rescale(2).ToNetwork();

        // Pixel-wise: the 3x3 stride-2 convolution's field (size 3, jump 2, centre 1.5) passes through.
        Assert.Equal(new ReceptiveField(new(3, 2, 1.5), new(3, 2, 1.5)), network.Analysis["rescaling"].ReceptiveField);
    }
}
