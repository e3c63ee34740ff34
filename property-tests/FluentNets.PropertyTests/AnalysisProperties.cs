using System.Text.Json;
using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>Receptive fields, MACs and the JSON summary agree with sums computed independently.</summary>
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
    public void TheNetworksMacsAreTheSumOfTheOraclesPerLayer(Chain chain)
    {
        var (network, nodes) = chain.Build();
        var expected = chain.Expected();

        Assert.Equal(expected.Select(e => e.Macs), nodes.Select(n => n.Macs));
        Assert.Equal(expected.Sum(e => e.Macs), network.Analysis.Macs);
        Assert.Equal(network.Analysis.Macs, network.Analysis.InferenceMacs);
    }

    [Property]
    public void SummaryJsonTotalsAreTheSumsOfItsRows(Chain chain)
    {
        var (network, _) = chain.Build();

        using var json = JsonDocument.Parse(network.Analysis.ToJson());
        var root = json.RootElement;
        var rows = root.GetProperty("layers").EnumerateArray().ToArray();
        long Sum(string field) => rows.Sum(r => r.GetProperty(field).GetInt64());

        Assert.Equal(network.Nodes.Count, rows.Length);
        Assert.Equal(Sum("params"), root.GetProperty("total_params").GetInt64());
        Assert.Equal(Sum("trainable_params"), root.GetProperty("trainable_params").GetInt64());
        Assert.Equal(Sum("params") - Sum("trainable_params"), root.GetProperty("non_trainable_params").GetInt64());
        Assert.Equal(Sum("macs"), root.GetProperty("macs").GetInt64());
        Assert.Equal(chain.Expected().Sum(e => e.Trainable + e.NonTrainable), root.GetProperty("total_params").GetInt64());
        Assert.Equal(rows.Sum(r => ElementsOf(r.GetProperty("output_shape")) * sizeof(float)), root.GetProperty("activation_bytes").GetInt64());
    }

    private static long ElementsOf(JsonElement dims) => dims.EnumerateArray().Aggregate(1L, (n, d) => n * d.GetInt64());
}
