using FluentNets.Layers;
using FluentNets.Summary;

namespace FluentNets.Dsl.Tests.Summary;

public class SummaryRowTests
{
    [Fact]
    public void DepthZeroHasARowPerLayer()
    {
        var analysis = Net.Input(28, 28, 192).Inception(64, (96, 128), (16, 32), 32, name: "inception_3a").ToNetwork().Analysis;

        var rows = SummaryRow.Of(analysis, 0);

        Assert.Equal(9, rows.Count);
        Assert.True(rows[0].IsInput);
        Assert.Equal(["inception_3a/1x1", "inception_3a/3x3", "inception_3a/5x5", "inception_3a/pool_proj"], rows[^1].Inputs);
    }

    [Fact]
    public void DepthOneFoldsABlockIntoItsTotalsAndOutsideInputs()
    {
        var analysis = Net.Input(28, 28, 192).Inception(64, (96, 128), (16, 32), 32, name: "inception_3a").Conv(8, 1).ToNetwork().Analysis;

        var rows = SummaryRow.Of(analysis, 1);

        Assert.Equal(["input_1", "inception_3a", "conv2d"], rows.Select(r => r.Name));
        var block = rows[1];
        Assert.Equal(("Block", Shape.Image(28, 28, 256), new ParamCount(163_696, 0)), (block.Type, block.Shape, block.Params));
        Assert.Equal(["input_1"], block.Inputs);
        Assert.Equal(analysis.Layers.Where(l => l.Name.StartsWith("inception_3a/", StringComparison.Ordinal)).Sum(l => l.Macs), block.Macs);
        Assert.Equal(["inception_3a"], rows[2].Inputs);
    }

    [Fact]
    public void ABlockOfOneLayerStillFoldsIntoABlockRow()
    {
        var analysis = Net.Input(8, 8, 3).Block("stem", b => b.Conv(4, 3)).ToNetwork().Analysis;

        var rows = SummaryRow.Of(analysis, 1);

        Assert.Equal([("input_1", "InputLayer"), ("stem", "Block")], rows.Select(r => (r.Name, r.Type)));
        Assert.Equal(["input_1"], rows[1].Inputs);
    }
}
