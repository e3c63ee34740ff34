using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>
/// Strict mode accepts a window exactly when it fits and its stride divides N - F_eff + P_total
/// on both axes.
/// </summary>
[Properties(Arbitrary = new[] { typeof(Arbitraries) })]
public class StrictModeProperties
{
    [Property]
    public Property AcceptsExactlyTheWindowsThatFitAndWhoseStrideDivides(ConvCase c)
    {
        bool divides =
            Oracle.Divides(c.Height, c.Kernel.H, c.Stride.H, c.Dilation.H, c.Pads.Top + c.Pads.Bottom) &&
            Oracle.Divides(c.Width, c.Kernel.W, c.Stride.W, c.Dilation.W, c.Pads.Left + c.Pads.Right);
        return Prop.ToProperty(() => StrictLaw(c, divides))
            .Classify(!c.Fits, "does not fit")
            .Classify(c.Fits && divides, "divides")
            .Classify(c.Fits && !divides, "leaves a remainder");
    }

    private static void StrictLaw(ConvCase c, bool divides)
    {
        var input = Net.Input(c.Height, c.Width, c.Channels, strict: true);
        string name = Oracle.KerasName(c.Layer);
        if (c.Fits && divides)
        {
            Assert.Equal(Shape.Image(c.OutHeight, c.OutWidth, Oracle.Channels(c.Layer, c.Channels, c.Filters, c.DepthMultiplier)), c.AddTo(input).Shape);
            return;
        }

        var error = Assert.Throws<NetBuildException>(() => c.AddTo(input));
        Assert.StartsWith(c.Fits ? $"{name}: strict mode: " : $"{name}: kernel {c.Kernel}", error.Message, StringComparison.Ordinal);
    }
}
