using FluentNets.Layers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>
/// SAME padding: ceil(N / S) on both axes, with TensorFlow's pads, the odd one after, and
/// TorchSharp computing exactly that.
/// </summary>
[Properties(Arbitrary = new[] { typeof(Arbitraries) })]
public class SamePaddingProperties
{
    [Property]
    public void OutputIsCeilOfInputOverStride(SameCase c)
    {
        var y = c.AddTo(Net.Input(c.Height, c.Width, c.Channels));

        var stride = c.EffectiveStride;
        Assert.Equal(
            Shape.Image(
                (int)Math.Ceiling(c.Height / (double)stride.H),
                (int)Math.Ceiling(c.Width / (double)stride.W),
                Oracle.Channels(c.Layer, c.Channels, c.Filters, c.DepthMultiplier)),
            y.Shape);
    }

    [Property]
    public void PadsAreTensorFlows(SameCase c)
    {
        var window = c.AddTo(Net.Input(c.Height, c.Width, c.Channels)).Node.Window;

        var stride = c.EffectiveStride;
        var (top, bottom) = Oracle.SamePads(c.Height, c.Kernel.H, stride.H, c.Dilation.H);
        var (left, right) = Oracle.SamePads(c.Width, c.Kernel.W, stride.W, c.Dilation.W);
        Assert.Equal(new Window2D(c.Kernel, stride, c.Dilation, top, bottom, left, right), window);
        Assert.Equal(TotalPad(c.Height, c.Kernel.H, stride.H, c.Dilation.H), window!.PadTop + window.PadBottom);
        Assert.Equal(TotalPad(c.Width, c.Kernel.W, stride.W, c.Dilation.W), window.PadLeft + window.PadRight);
        Assert.InRange(window.PadBottom - window.PadTop, 0, 1);
        Assert.InRange(window.PadRight - window.PadLeft, 0, 1);
    }

    [Property]
    public Property TorchSharpComputesTensorFlowsSamePadding(SameCase c)
    {
        var stride = c.EffectiveStride;
        var pads = Oracle.Pads(c.Height, c.Width, c.Kernel, stride, c.Dilation, Padding.Same);
        bool odd = (pads.Top + pads.Bottom) % 2 == 1 || (pads.Left + pads.Right) % 2 == 1;
        return Prop.ToProperty(() =>
            {
                var y = c.AddTo(Net.Input(c.Height, c.Width, c.Channels));
                Assert.Equal(Shape.Image(Oracle.SameOutputSize(c.Height, stride.H), Oracle.SameOutputSize(c.Width, stride.W), y.Shape.Channels), y.Shape);
                TorchWindow.AssertRuns(y, c.Layer, pads, c.Kernel, stride, c.Dilation, TorchWindow.Seed(c.Height, c.Width, c.Channels, c.Filters, c.Kernel.H, c.Kernel.W));
            })
            .Classify(odd, "odd total")
            .Classify(!odd, "even total");
    }

    /// <summary>max((ceil(N / S) - 1) S + D(F - 1) + 1 - N, 0).</summary>
    private static int TotalPad(int n, int kernel, int stride, int dilation) =>
        Math.Max((((int)Math.Ceiling(n / (double)stride) - 1) * stride) + (dilation * (kernel - 1)) + 1 - n, 0);
}
