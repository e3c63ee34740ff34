namespace FluentNets.Dsl.Tests;

public class ShapeTests
{
    [Fact]
    public void AnImageShapeIsHeightWidthChannels()
    {
        var shape = Shape.Image(28, 14, 6);

        Assert.True(shape.IsImage);
        Assert.Equal((28, 14, 6, 2352L), (shape.Height, shape.Width, shape.Channels, shape.Elements));
        Assert.Equal("28x14x6", shape.ToString());
        Assert.Equal("(None, 28, 14, 6)", shape.ToKeras());
    }

    [Fact]
    public void AVectorShapeHasOnlyChannels()
    {
        var shape = Shape.Vector(400);

        Assert.False(shape.IsImage);
        Assert.Equal((400, 400L), (shape.Channels, shape.Elements));
        Assert.Equal("(None, 400)", shape.ToKeras());
        Assert.Equal("400 has no height.", Assert.Throws<InvalidOperationException>(() => shape.Height).Message);
    }

    [Fact]
    public void ShapesCompareByDimensions()
    {
        Assert.Equal(Shape.Image(7, 7, 512), Shape.Image(7, 7, 512));
        Assert.Equal(Shape.Image(7, 7, 512).GetHashCode(), Shape.Image(7, 7, 512).GetHashCode());
        Assert.NotEqual(Shape.Image(7, 7, 512), Shape.Image(7, 512, 7));
        Assert.NotEqual(Shape.Vector(512), Shape.Image(1, 1, 512));
    }

    [Fact]
    public void AVectorHasNoHeightOrWidth()
    {
        Assert.Equal("10 has no height.", Assert.Throws<InvalidOperationException>(() => Shape.Vector(10).Height).Message);
        Assert.Equal("10 has no width.", Assert.Throws<InvalidOperationException>(() => Shape.Vector(10).Width).Message);
    }
}
