using FluentNets.Analysis;
using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class ReshapeTests
{
    [Fact]
    public void AVectorBecomesAnImageOfAsManyValues()
    {
        // Keras's DCGAN generator: Dense(7 * 7 * 256) then Reshape((7, 7, 256)).
        var node = Net.Input(100).Dense(7 * 7 * 256).Reshape(7, 7, 256).Node;

        Assert.Equal(Shape.Image(7, 7, 256), node.Shape);
        Assert.Equal(new Reshape(Shape.Image(7, 7, 256)), node.Layer);
        Assert.Equal(("reshape", "Reshape"), (node.Name, node.Layer.KerasType));
        Assert.Equal(ParamCount.Zero, node.Params);
    }

    [Fact]
    public void AnImageBecomesAVectorOfAsManyValues() =>
        Assert.Equal(Shape.Vector(3136), Net.Input(7, 7, 64).Reshape(3136).Shape);

    [Fact]
    public void AVectorMayBecomeAVectorOfTheSameLength() =>
        Assert.Equal(Shape.Vector(12), Net.Input(12).Apply<Vector>(new Reshape(Shape.Vector(12)), null).Shape);

    [Theory]
    [InlineData(0, 7, 64, "reshape: target sizes must be positive. Received: target=0x7x64.")]
    [InlineData(7, -1, 64, "reshape: target sizes must be positive. Received: target=7x-1x64.")]
    [InlineData(7, 7, 0, "reshape: target sizes must be positive. Received: target=7x7x0.")]
    public void EverySizeIsGiven(int h, int w, int c, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(3136).Reshape(h, w, c));

        Assert.Equal(message, error.Message);
        Assert.Equal("reshape", error.Layer);
    }

    [Fact]
    public void ATargetIsNeeded()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(4).Apply<Vector>(new Reshape(null!), null));

        Assert.Equal("reshape: target sizes must be positive. Received: target=.", error.Message);
    }

    [Theory]
    [InlineData(7, 7, 32, "reshape: total size of the new array must be unchanged: 3136 has 3136 values, 7x7x32 has 1568.")]
    [InlineData(8, 8, 64, "reshape: total size of the new array must be unchanged: 3136 has 3136 values, 8x8x64 has 4096.")]
    public void KerasNeedsTheTotalSizeUnchanged(int h, int w, int c, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(3136).Reshape(h, w, c));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AnImageOfAsManyValuesInAnotherShapeIsRefused()
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(4, 4, 8).Apply<Image>(new Reshape(Shape.Image(8, 8, 2)), null));

        Assert.Equal(
            "reshape: Reshape goes between an image and a vector; 4x4x8 to 8x8x2 would move values across positions. Use Flatten, or Reshape to a vector first.",
            error.Message);
    }

    [Fact]
    public void AnImageReshapedToAVectorSeesTheWholeMap()
    {
        // A 3x3 valid convolution on 10x10 leaves 8x8 (field 3, jump 1, centre 1.5); every feature of
        // the vector may see all 8 positions: 3 + 7 * 1 = 10 pixels, centred on 1.5 + 3.5 = 5.
        var x = Net.Input(10, 10, 1).Conv(4, 3).Reshape(256);

        Assert.Equal(new ReceptiveField(new(10, 8, 5), new(10, 8, 5)), x.ToNetwork().Analysis[x.Name].ReceptiveField);
    }

    [Fact]
    public void AVectorReshapedToAnImageKeepsTheVectorsField()
    {
        var x = Net.Input(48).Reshape(4, 4, 3);

        Assert.Equal(ReceptiveField.Input, x.ToNetwork().Analysis[x.Name].ReceptiveField);
    }
}
