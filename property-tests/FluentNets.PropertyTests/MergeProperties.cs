using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>Concatenation adds channels; a residual block keeps or projects its shortcut as the shapes require.</summary>
[Properties(Arbitrary = new[] { typeof(Arbitraries) })]
public class MergeProperties
{
    [Property]
    public Property ConcatHasTheSumOfItsBranchesChannels(ConcatCase c)
    {
        var sizes = c.Branches
            .Select(b => (Oracle.SameOutputSize(c.Height, b.Stride.H), Oracle.SameOutputSize(c.Width, b.Stride.W)))
            .ToArray();
        bool aligned = sizes.Distinct().Count() == 1;
        return Prop.ToProperty(() => ConcatLaw(c, aligned, sizes[0])).Classify(aligned, "sizes agree").Classify(!aligned, "sizes differ");
    }

    [Property]
    public void AnIdentityCompatibleBodyKeepsTheShape(ResidualCase generated)
    {
        var c = generated.KeepingShape();
        var input = Net.Input(c.Height, c.Width, c.Channels);

        var y = input.Residual(c.ApplyBody, Shortcut.Identity);

        Assert.Equal(input.Shape, y.Shape);
        Assert.Equal(input.Shape, c.BodyShape);
        Assert.DoesNotContain(y.ToNetwork().Nodes, n => n.Name.EndsWith("/shortcut_conv", StringComparison.Ordinal));
    }

    [Property]
    public Property AutoProjectsExactlyWhenTheShapesDiffer(ResidualCase c)
    {
        var input = Shape.Image(c.Height, c.Width, c.Channels);
        bool differ = !c.BodyShape.Equals(input);
        return Prop.ToProperty(() => AutoLaw(c, differ)).Classify(differ, "projects").Classify(!differ, "identity");
    }

    private static void AutoLaw(ResidualCase c, bool differ)
    {
        var y = Net.Input(c.Height, c.Width, c.Channels).Residual(c.ApplyBody);

        var nodes = y.ToNetwork().Nodes;
        Assert.Equal(c.BodyShape, y.Shape);
        Assert.Equal(differ, nodes.Any(n => n.Name == "residual/shortcut_conv"));
        Assert.Equal(differ, nodes.Any(n => n.Name == "residual/shortcut_bn"));
        Assert.Equal(c.BodyShape, Assert.Single(nodes, n => n.Name == "residual/add").Shape);
    }

    private static void ConcatLaw(ConcatCase c, bool aligned, (int Height, int Width) size)
    {
        var input = Net.Input(c.Height, c.Width, c.Channels);
        var branches = c.Branches.Select(b => b.AddTo(input)).ToArray();
        if (!aligned)
        {
            var error = Assert.Throws<NetBuildException>(() => Net.Concat(branches));
            Assert.Equal("concatenate", error.Layer);
            Assert.StartsWith("concatenate: Concatenate needs inputs with equal height and width", error.Message, StringComparison.Ordinal);
            return;
        }

        int channels = c.Branches.Sum(b => Oracle.Channels(b.Layer, c.Channels, b.Filters, b.DepthMultiplier));
        Assert.Equal(channels, branches.Sum(b => b.Shape.Channels));
        Assert.Equal(Shape.Image(size.Height, size.Width, channels), Net.Concat(branches).Shape);
    }
}
