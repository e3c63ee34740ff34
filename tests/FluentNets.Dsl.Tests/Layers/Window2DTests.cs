using FluentNets.Layers;

namespace FluentNets.Dsl.Tests.Layers;

public class Window2DTests
{
    [Theory]
    [InlineData(0, 0, 0, 0, true, true)]
    [InlineData(1, 1, 1, 1, false, true)]
    [InlineData(1, 1, 0, 0, false, true)]
    [InlineData(1, 0, 0, 0, false, false)]
    [InlineData(0, 1, 0, 0, false, false)]
    [InlineData(0, 0, 1, 0, false, false)]
    [InlineData(0, 0, 0, 1, false, false)]
    [InlineData(1, 0, 1, 1, false, false)]
    [InlineData(1, 1, 0, 1, false, false)]
    [InlineData(3, 4, 3, 4, false, false)]
    public void PadsAreUnpaddedOrSymmetric(int top, int bottom, int left, int right, bool unpadded, bool symmetric)
    {
        var window = new Window2D(3, 1, 1, top, bottom, left, right);

        Assert.Equal((unpadded, symmetric), (window.IsUnpadded, window.IsSymmetric));
    }

    [Theory]
    [InlineData(3, 1, "3x3")]
    [InlineData(3, 2, "5x5")]
    [InlineData(5, 3, "13x13")]
    public void TheEffectiveKernelIsDilated(int kernel, int dilation, string effective) =>
        Assert.Equal(effective, new Window2D(kernel, 1, dilation, 0, 0, 0, 0).EffectiveKernel.ToString());
}
