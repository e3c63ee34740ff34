namespace FluentNets.Dsl.Tests.Layers;

public class MultiplyTests
{
    [Fact]
    public void AChannelVectorIsBroadcastOverTheImage()
    {
        var x = Net.Input(14, 14, 64);
        var weights = x.GlobalAvgPool().Dense(64, activation: Activation.Sigmoid);

        var scaled = Net.Multiply(x, weights);

        Assert.Equal(x.Shape, scaled.Shape);
        Assert.Equal(["input_1", "dense"], scaled.Node.Inputs.Select(n => n.Name));
        Assert.Equal("Multiply", scaled.Node.Layer.KerasType);
    }

    [Fact]
    public void AOneByOneByCImageIsBroadcastToo()
    {
        var x = Net.Input(14, 14, 64);

        Assert.Equal(x.Shape, Net.Multiply(x, x.AvgPool(14)).Shape);
    }

    [Fact]
    public void EqualShapesMultiplyElementWise()
    {
        var x = Net.Input(10);

        Assert.Equal(x.Shape, Net.Multiply(x, x.Dense(10)).Shape);
    }

    [Fact]
    public void AVectorOfTheWrongLengthIsRejected()
    {
        var x = Net.Input(14, 14, 64);
        var weights = x.GlobalAvgPool().Dense(32);

        var error = Assert.Throws<NetBuildException>(() => Net.Multiply(x, weights, name: "scale"));

        Assert.Equal(
            "scale: Multiply needs inputs of one shape, or a C-vector or 1x1xC image with an HxWxC image; received input_1 (14x14x64), dense (32).",
            error.Message);
    }

    [Fact]
    public void ImagesOfDifferentShapesAreRejected()
    {
        var x = Net.Input(32, 32, 3);

        var error = Assert.Throws<NetBuildException>(() => Net.Multiply(x.Conv(8, 3, pad: Padding.Same), x.Conv(9, 1)));

        Assert.Equal(
            "multiply: Multiply needs inputs of one shape, or a C-vector or 1x1xC image with an HxWxC image; received conv2d (32x32x8), conv2d_1 (32x32x9).",
            error.Message);
    }

    [Fact]
    public void ARowOfScalesDoesNotBroadcastOverAnImage()
    {
        var x = Net.Input(4, 4, 3);

        var error = Assert.Throws<NetBuildException>(() => Net.Multiply(x, x.AvgPool((4, 1))));

        Assert.Equal(
            "multiply: Multiply needs inputs of one shape, or a C-vector or 1x1xC image with an HxWxC image; received input_1 (4x4x3), average_pooling2d (1x4x3).",
            error.Message);
    }
}
