using FluentNets.Layers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>
/// Explicitly padded windows: floor((N + P_total - F_eff) / S) + 1 when it is at least 1, with a
/// real TorchSharp tensor of that size out of the compiled layer, and a
/// <see cref="NetBuildException"/> naming the layer when it is not.
/// </summary>
[Properties(Arbitrary = new[] { typeof(Arbitraries) })]
public class OutputSizeProperties
{
    [Property]
    public Property ConvolutionsFollowTheFormulaOrNameTheLayer(ConvCase c) =>
        Prop.ToProperty(() => ConvolutionLaw(c)).Classify(c.Fits, "fits").Classify(!c.Fits, "does not fit");

    [Property]
    public Property PoolsFollowTheFormulaOrNameTheLayer(PoolCase c) =>
        Prop.ToProperty(() => PoolLaw(c))
            .Classify(!Oracle.PoolPadsAllowed(c.Pool, c.Pads), "pads over half the pool")
            .Classify(c.OutHeight < 1 || c.OutWidth < 1, "does not fit");

    internal static void ConvolutionLaw(ConvCase c)
    {
        var input = Net.Input(c.Height, c.Width, c.Channels);
        string name = Oracle.KerasName(c.Layer);
        if (!c.Fits)
        {
            var error = Assert.Throws<NetBuildException>(() => c.AddTo(input));
            Assert.Equal(name, error.Layer);
            Assert.StartsWith($"{name}: kernel {c.Kernel}", error.Message, StringComparison.Ordinal);
            Assert.Contains("does not fit", error.Message, StringComparison.Ordinal);
            return;
        }

        var y = c.AddTo(input);
        Assert.Equal(name, y.Name);
        Assert.Equal(Shape.Image(c.OutHeight, c.OutWidth, Oracle.Channels(c.Layer, c.Channels, c.Filters, c.DepthMultiplier)), y.Shape);
        Assert.Equal(new Window2D(c.Kernel, c.Stride, c.Dilation, c.Pads.Top, c.Pads.Bottom, c.Pads.Left, c.Pads.Right), y.Node.Window);
        TorchWindow.AssertRuns(y, c.Layer, c.Pads, c.Kernel, c.Stride, c.Dilation, TorchWindow.Seed(c.Height, c.Width, c.Channels, c.Filters, c.Kernel.H, c.Kernel.W));
    }

    internal static void PoolLaw(PoolCase c)
    {
        var input = Net.Input(c.Height, c.Width, c.Channels);
        string name = Oracle.KerasName(c.Layer);
        bool padsAllowed = Oracle.PoolPadsAllowed(c.Pool, c.Pads);
        bool fits = c.OutHeight >= 1 && c.OutWidth >= 1;
        if (!padsAllowed || !fits)
        {
            var error = Assert.Throws<NetBuildException>(() => c.AddTo(input));
            Assert.Equal(name, error.Layer);
            Assert.StartsWith($"{name}: ", error.Message, StringComparison.Ordinal);
            Assert.Contains(padsAllowed ? "does not fit" : "more than half the pool", error.Message, StringComparison.Ordinal);
            return;
        }

        var y = c.AddTo(input);
        Assert.Equal(Shape.Image(c.OutHeight, c.OutWidth, c.Channels), y.Shape);
        Assert.Equal(new Window2D(c.Pool, c.EffectiveStride, new Size2(1, 1), c.Pads.Top, c.Pads.Bottom, c.Pads.Left, c.Pads.Right), y.Node.Window);
        TorchWindow.AssertRuns(y, c.Layer, c.Pads, c.Pool, c.EffectiveStride, new Size2(1, 1), TorchWindow.Seed(c.Height, c.Width, c.Channels, c.Pool.H, c.Pool.W));
    }
}
