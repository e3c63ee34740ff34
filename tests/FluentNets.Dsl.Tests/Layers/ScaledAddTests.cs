using FluentNets.Analysis;
using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class ScaledAddTests
{
    [Fact]
    public void KerasCustomScaleLayerKeepsTheShapeOfItsInputs()
    {
        // Keras's InceptionResNetV2: CustomScaleLayer(scale)([x, up]) is x + scale * up.
        var x = Net.Input(35, 35, 320);

        var sum = Net.ScaledAdd(null, x, x.Conv(320, 1), 0.17);

        Assert.Equal(x.Shape, sum.Shape);
        Assert.Equal(new ScaledAdd(0.17), sum.Node.Layer);
        Assert.Equal(("custom_scale_layer", "CustomScaleLayer"), (sum.Name, sum.Node.Layer.KerasType));
        Assert.Equal((0L, 0L), (sum.Node.Params.Total, sum.Node.Macs));
    }

    [Fact]
    public void AnotherKerasClassNamesTheLayerAfterIt()
    {
        var spec = new ScaledAdd(0.2, "ScaleSum");

        Assert.Equal(("ScaleSum", "scale_sum"), (spec.KerasType, spec.NamePrefix));
    }

    [Fact]
    public void ItWorksOnVectorsAndTakesAGivenName()
    {
        var x = Net.Input(16);

        var sum = Net.ScaledAdd("block35_1", x, x.Dense(16), -0.5);

        Assert.Equal((Shape.Vector(16), "block35_1"), (sum.Shape, sum.Name));
    }

    [Fact]
    public void TheInputsMustHaveOneShape()
    {
        var x = Net.Input(17, 17, 1088);

        var error = Assert.Throws<NetBuildException>(() => Net.ScaledAdd(null, x, x.Conv(1024, 1), 0.1));

        Assert.Equal(
            "custom_scale_layer: a scaled residual needs two inputs of one shape, x and r of x + 0.1 * r; received input_1 (17x17x1088), conv2d (17x17x1024).",
            error.Message);
        Assert.Equal("custom_scale_layer", error.Layer);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ItTakesExactlyTwoInputs(int count)
    {
        var x = Net.Input(8, 8, 4);
        var inputs = Enumerable.Repeat(x, count).ToArray();

        var error = Assert.Throws<NetBuildException>(() => Net.Merge<Image, Image>(new ScaledAdd(1), null, inputs));

        string received = string.Join(", ", Enumerable.Repeat("input_1 (8x8x4)", count));
        Assert.Equal($"custom_scale_layer: a scaled residual needs two inputs of one shape, x and r of x + 1 * r; received {received}.", error.Message);
    }

    [Theory]
    [InlineData(double.NaN, "custom_scale_layer: scale must be finite. Received: scale=NaN")]
    [InlineData(double.PositiveInfinity, "custom_scale_layer: scale must be finite. Received: scale=")]
    [InlineData(double.NegativeInfinity, "custom_scale_layer: scale must be finite. Received: scale=-")]
    public void TheScaleMustBeFinite(double scale, string message)
    {
        var x = Net.Input(8);

        var error = Assert.Throws<NetBuildException>(() => Net.ScaledAdd(null, x, x, scale));

        // The culture spells infinity ("Infinity", "∞").
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void AZeroScaleIsFinite()
    {
        var x = Net.Input(8);

        Assert.Equal(new ScaledAdd(0), Net.ScaledAdd(null, x, x.Dense(8), 0).Node.Layer);
    }

    [Fact]
    public void AScaledSumSeesItsWiderBranch()
    {
        var x = Net.Input(16, 16, 8);

        var sum = Net.ScaledAdd(null, x, x.Conv(8, 3, pad: Padding.Same).Conv(8, 3, pad: Padding.Same), 0.2);

        Assert.Equal(new ReceptiveField(new(5, 1, 0.5), new(5, 1, 0.5)), sum.ToNetwork().Analysis[sum.Name].ReceptiveField);
    }
}
