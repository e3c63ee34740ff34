using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class ImageLayersTests
{
    [Theory]
    [InlineData(1, 1, "9x9x4")]
    [InlineData(2, 1, "5x5x4")]
    [InlineData(1, 2, "7x7x4")]
    public void DepthwiseConvPassesItsStrideAndDilationToTheLayer(int stride, int dilation, string shape)
    {
        var node = Net.Input(11, 11, 4).DepthwiseConv(3, s: stride, dilation: dilation).Node;

        Assert.Equal(shape, node.Shape.ToString());
        Assert.Equal(new Window2D(3, stride, dilation, 0, 0, 0, 0), node.Window);
    }

    [Theory]
    [InlineData(1, 1, "9x9x8")]
    [InlineData(2, 1, "5x5x8")]
    [InlineData(1, 2, "7x7x8")]
    public void SeparableConvPassesItsStrideAndDilationToTheLayer(int stride, int dilation, string shape)
    {
        var node = Net.Input(11, 11, 4).SeparableConv(8, 3, s: stride, dilation: dilation).Node;

        Assert.Equal(shape, node.Shape.ToString());
        Assert.Equal(new Window2D(3, stride, dilation, 0, 0, 0, 0), node.Window);
    }
}
