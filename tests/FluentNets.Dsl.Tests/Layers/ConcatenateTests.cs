namespace FluentNets.Dsl.Tests.Layers;

public class ConcatenateTests
{
    [Fact]
    public void ChannelsAreTheSumOfTheBranches()
    {
        var x = Net.Input(28, 28, 192);

        var merged = Net.Concat(x.Conv(64, 1), x.Conv(128, 3, pad: Padding.Same), x.MaxPool(3, s: 1, pad: Padding.Same));

        Assert.Equal(Shape.Image(28, 28, 64 + 128 + 192), merged.Shape);
        Assert.Equal("concatenate", merged.Name);
        Assert.Equal(["conv2d", "conv2d_1", "max_pooling2d"], merged.Node.Inputs.Select(n => n.Name));
    }

    [Fact]
    public void VectorsAreJoinedEndToEnd()
    {
        var x = Net.Input(32);

        Assert.Equal(Shape.Vector(42), Net.Concat(x.Dense(10), x).Shape);
    }

    [Fact]
    public void MismatchedSizesListEveryBranchWithItsNameAndShape()
    {
        var x = Net.Input(32, 32, 3);
        var a = x.Conv(8, 3, pad: Padding.Same);
        var b = x.Conv(16, 3, s: 2, pad: Padding.Same);
        var c = x.MaxPool(2, name: "pool");

        var error = Assert.Throws<NetBuildException>(() => Net.Concat(a, b, c));

        Assert.Equal(
            "concatenate: Concatenate needs inputs with equal height and width; received conv2d (32x32x8), conv2d_1 (16x16x16), pool (16x16x3).",
            error.Message);
        Assert.Equal([a.Shape, b.Shape, c.Shape], error.Inputs);
    }

    [Fact]
    public void ANamedConcatUsesItsName()
    {
        var x = Net.Input(8, 8, 3);

        var error = Assert.Throws<NetBuildException>(() => Net.Concat("mixed", x, x.MaxPool(2)));

        Assert.Equal("mixed: Concatenate needs inputs with equal height and width; received input_1 (8x8x3), max_pooling2d (4x4x3).", error.Message);
    }

    [Fact]
    public void ImagesOfEqualHeightButDifferentWidthDoNotConcatenate()
    {
        var x = Net.Input(8, 8, 3);

        var error = Assert.Throws<NetBuildException>(() => Net.Concat(x, x.Conv(2, (1, 3))));

        Assert.Equal("concatenate: Concatenate needs inputs with equal height and width; received input_1 (8x8x3), conv2d (8x6x2).", error.Message);
    }
}
