using FluentNets.Layers;
using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>
/// A failing case shrinks to a small one of the same kind: every shrink candidate keeps what its
/// generator promises, and taking the first candidate again and again ends at the smallest case.
/// </summary>
[Properties(Arbitrary = new[] { typeof(Arbitraries) })]
public class ShrinkerProperties
{
    [Property]
    public void ConvolutionCasesShrinkToOnePixelOneChannelAndNoPads(ConvCase c)
    {
        var smallest = ShrinkFully(c, Arbitraries.ConvCases().Shrinker);
        Assert.Equal(
            (1, 1, 1, 1, 1, new Size2(1, 1), new Size2(1, 1), new Size2(1, 1), new ExplicitPadding(0, 0, 0, 0)),
            (smallest.Height, smallest.Width, smallest.Channels, smallest.Filters, smallest.DepthMultiplier,
             smallest.Kernel, smallest.Stride, smallest.Dilation, smallest.Pads));
        Assert.Equal(c.Layer, smallest.Layer);
    }

    [Property]
    public void PoolCasesShrinkToTheDefaultStrideAndAOnePixelPool(PoolCase c)
    {
        var smallest = ShrinkFully(c, Arbitraries.PoolCases().Shrinker);
        Assert.Equal(
            (1, 1, 1, new Size2(1, 1), (Size2?)null, new ExplicitPadding(0, 0, 0, 0)),
            (smallest.Height, smallest.Width, smallest.Channels, smallest.Pool, smallest.Stride, smallest.Pads));
    }

    [Property]
    public void SameCandidatesKeepPoolsUndilated(SameCase c)
    {
        foreach (var candidate in Arbitraries.SameCases().Shrinker(c))
        {
            Assert.True(candidate.Layer is not (WindowLayer.MaxPool or WindowLayer.AvgPool) || candidate.Dilation == new Size2(1, 1), candidate.ToString());
        }
    }

    [Property]
    public void StackCandidatesStillFitUnpadded(StackCase c)
    {
        foreach (var candidate in Arbitraries.StackCases().Shrinker(c))
        {
            Assert.True(candidate.Size >= 1 + (candidate.Layers * (candidate.Kernel - 1)), candidate.ToString());
            Assert.True(candidate.Layers >= 1 && candidate.Kernel >= 1, candidate.ToString());
        }

        var smallest = ShrinkFully(c, Arbitraries.StackCases().Shrinker);
        Assert.Equal((1, 1, 1, false), (smallest.Size, smallest.Layers, smallest.Kernel, smallest.Same));
    }

    [Property]
    public void ResidualCandidatesKeepAnIdentityShortcutIdentity(ResidualCase c)
    {
        bool identity = c.Body[^1].Filters == c.Channels;
        foreach (var candidate in Arbitraries.ResidualCases().Shrinker(c))
        {
            Assert.NotEmpty(candidate.Body);
            Assert.True(!identity || candidate.Body[^1].Filters == candidate.Channels, candidate.ToString());
        }

        var smallest = ShrinkFully(c, Arbitraries.ResidualCases().Shrinker);
        Assert.Single(smallest.Body);
        Assert.Equal((1, 1, new Size2(1, 1), new Size2(1, 1), false), (smallest.Height, smallest.Width, smallest.Body[0].Kernel, smallest.Body[0].Stride, smallest.Body[0].BatchNorm));
    }

    [Property]
    public void ConcatCandidatesKeepTwoBranches(ConcatCase c)
    {
        var smallest = ShrinkFully(c, Arbitraries.ConcatCases().Shrinker);
        Assert.Equal(2, smallest.Branches.Length);
        Assert.All(smallest.Branches, b => Assert.Equal((1, 1, new Size2(1, 1), new Size2(1, 1)), (b.Filters, b.DepthMultiplier, b.Kernel, b.Stride)));
    }

    [Property]
    public void WindowStacksShrinkToOneOnePixelWindow(WindowStack s)
    {
        var smallest = ShrinkFully(s, Arbitraries.WindowStacks().Shrinker);
        Assert.Equal((1, 1), (smallest.Height, smallest.Width));
        var window = Assert.Single(smallest.Windows);
        Assert.Equal((new Size2(1, 1), new Size2(1, 1), new Size2(1, 1)), (window.Kernel, window.Stride, window.Dilation));
    }

    [Property]
    public void InvalidNetworkCandidatesStillFailAtThePlantedLayerWithTheSameMessage(InvalidNetwork n)
    {
        foreach (var candidate in Arbitraries.InvalidNetworks().Shrinker(n))
        {
            Assert.True(candidate.Valid.Expected().Builds, candidate.ToString());
            Assert.Equal(n.PlantedLayer, candidate.Planted.Expected().Failure);
            Assert.Equal(n.Index, candidate.Index);
        }
    }

    /// <summary>Takes the first candidate until there is none: what FsCheck does when every candidate still fails.</summary>
    private static T ShrinkFully<T>(T value, Func<T, IEnumerable<T>> shrink)
        where T : class
    {
        for (int step = 0; step < 10_000; step++)
        {
            var next = shrink(value).FirstOrDefault();
            if (next is null)
            {
                return value;
            }

            value = next;
        }

        throw new InvalidOperationException($"Shrinking did not end after 10,000 steps; last: {value}");
    }
}
