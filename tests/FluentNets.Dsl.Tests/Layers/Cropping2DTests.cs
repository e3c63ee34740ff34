using FluentNets.Analysis;
using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class Cropping2DTests
{
    [Theory]
    [InlineData(28, 28, 3, 1, 1, 1, 1, "26x26x3")]
    [InlineData(28, 28, 3, 2, 0, 0, 0, "26x28x3")]
    [InlineData(28, 28, 3, 0, 2, 0, 0, "26x28x3")]
    [InlineData(28, 28, 3, 0, 0, 2, 0, "28x26x3")]
    [InlineData(28, 28, 3, 0, 0, 0, 2, "28x26x3")]
    [InlineData(113, 113, 32, 1, 0, 1, 0, "112x112x32")] // Keras NASNet: Cropping2D(((1, 0), (1, 0))) after a padded 3x3
    [InlineData(10, 6, 4, 4, 5, 2, 3, "1x1x4")]
    public void KerasOutputShapeIsHeightAndWidthLessTheCroppedRowsAndColumns(
        int h, int w, int c, int top, int bottom, int left, int right, string expected)
    {
        var node = Net.Input(h, w, c).Crop((top, bottom, left, right)).Node;

        Assert.Equal(expected, node.Shape.ToString());
        Assert.Equal(new Cropping2D(top, bottom, left, right), node.Layer);
        Assert.Equal(ParamCount.Zero, node.Params);
    }

    [Fact]
    public void OneNumberCropsEverySide()
    {
        var node = Net.Input(32, 32, 3).Crop(4).Node;

        Assert.Equal(Shape.Image(24, 24, 3), node.Shape);
        Assert.Equal(new Cropping2D(4, 4, 4, 4), node.Layer);
        Assert.Equal(("cropping2d", "Cropping2D"), (node.Name, node.Layer.KerasType));
    }

    [Theory]
    [InlineData(-1, 0, 0, 0, "cropping2d: cropping must not be negative. Received: cropping=(-1, 0, 0, 0).")]
    [InlineData(0, -1, 0, 0, "cropping2d: cropping must not be negative. Received: cropping=(0, -1, 0, 0).")]
    [InlineData(0, 0, -1, 0, "cropping2d: cropping must not be negative. Received: cropping=(0, 0, -1, 0).")]
    [InlineData(0, 0, 0, -1, "cropping2d: cropping must not be negative. Received: cropping=(0, 0, 0, -1).")]
    [InlineData(4, 4, 0, 0, "cropping2d: cropping (4, 4, 0, 0) leaves nothing of 8x6x3: 8 - 4 - 4 = 0 rows, 6 - 0 - 0 = 6 columns.")]
    [InlineData(0, 0, 3, 3, "cropping2d: cropping (0, 0, 3, 3) leaves nothing of 8x6x3: 8 - 0 - 0 = 8 rows, 6 - 3 - 3 = 0 columns.")]
    [InlineData(9, 0, 0, 7, "cropping2d: cropping (9, 0, 0, 7) leaves nothing of 8x6x3: 8 - 9 - 0 = -1 rows, 6 - 0 - 7 = -1 columns.")]
    public void KerasRejectsCroppingThatLeavesNothing(int top, int bottom, int left, int right, string message)
    {
        var error = Assert.Throws<NetBuildException>(() => Net.Input(8, 6, 3).Crop((top, bottom, left, right)));

        Assert.Equal(message, error.Message);
        Assert.Equal("cropping2d", error.Layer);
    }

    [Fact]
    public void CroppingMovesTheFirstCentreInwardsByTheCroppedRowsInJumps()
    {
        // After a 3x3 stride-2 convolution (size 3, jump 2, centre 1.5) output row 0 is row `top` of the
        // map, whose centre lies top * jump further on: 1.5 + 2 * 2 rows, 1.5 + 1 * 2 columns.
        var x = Net.Input(17, 17, 3).Conv(8, 3, s: 2).Crop((2, 0, 1, 3));

        Assert.Equal(new ReceptiveField(new(3, 2, 5.5), new(3, 2, 3.5)), x.ToNetwork().Analysis[x.Name].ReceptiveField);
    }

    [Fact]
    public void CroppingUndoesZeroPadding()
    {
        var x = Net.Input(16, 16, 3).Conv(8, 3);

        var field = x.ToNetwork().Analysis[x.Name].ReceptiveField;
        var y = x.ZeroPad((1, 0, 2, 0)).Crop((1, 0, 2, 0));

        Assert.Equal(field, y.ToNetwork().Analysis[y.Name].ReceptiveField);
    }
}
