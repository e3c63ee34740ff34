using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>Receptive fields compose layer by layer; a network's MACs are the sum of the oracle's per layer.</summary>
[Properties(Arbitrary = new[] { typeof(Arbitraries) })]
public class AnalysisProperties
{
    [Property]
    public void StackedStrideOneConvolutionsSeeOnePlusNTimesKMinusOne(StackCase c)
    {
        var pad = c.Same ? Padding.Same : Padding.Valid;
        var x = Net.Input(c.Size, c.Size, 1);
        for (int i = 0; i < c.Layers; i++)
        {
            x = x.Conv(1, c.Kernel, pad: pad);
        }

        var field = x.ToNetwork().Analysis[x.Name].ReceptiveField;
        long expected = 1 + ((long)c.Layers * (c.Kernel - 1));
        Assert.Equal((expected, expected), (field.Rows.Size, field.Cols.Size));
    }

    [Property]
    public void ReceptiveFieldGrowsByEachKernelTimesTheJumpBeforeIt(WindowStack c)
    {
        var x = Net.Input(c.Height, c.Width, 1);
        long rows = 1, cols = 1, rowJump = 1, colJump = 1;
        foreach (var w in c.Windows)
        {
            x = x.Add(w.Layer, w.Kernel, w.Stride, Padding.Same, dilation: w.Dilation);
            rows += (Oracle.EffectiveKernel(w.Kernel.H, w.Dilation.H) - 1) * rowJump;
            cols += (Oracle.EffectiveKernel(w.Kernel.W, w.Dilation.W) - 1) * colJump;
            rowJump *= w.Stride.H;
            colJump *= w.Stride.W;
        }

        var field = x.ToNetwork().Analysis[x.Name].ReceptiveField;
        Assert.Equal((rows, cols), (field.Rows.Size, field.Cols.Size));
        Assert.Equal((rowJump, colJump), (field.Rows.Jump, field.Cols.Jump));
    }

    [Property]
    public void TheNetworksMacsAreTheSumOfTheOraclesPerLayer(NetworkDescription description)
    {
        var network = description.Build();
        var expected = description.Expected();

        Assert.Equal(expected.Layers.Select(e => (e.Name, e.Macs)), network.Nodes.Skip(1).Select(n => (n.Name, n.Macs)));
        Assert.Equal(expected.Macs, network.Analysis.Macs);
        Assert.Equal(network.Analysis.Macs, network.Analysis.InferenceMacs);
    }
}
