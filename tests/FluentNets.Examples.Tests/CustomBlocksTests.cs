using CustomBlocksProgram = FluentNets.Examples.CustomBlocks.Program;

namespace FluentNets.Examples.Tests;

public class CustomBlocksTests
{
    private const string SixStagesError =
        "stage6/max_pooling2d: pool 2x2 does not fit input 1x1x512 with valid padding: (1 - 2 + 0)/2 + 1 = 0. Use pad: Padding.Same or a smaller pool.";

    [Fact]
    public void PrintsBothSummariesAndTheShapeError()
    {
        using var output = new StringWriter();

        var exit = CustomBlocksProgram.Run(output);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("stage1/conv2d (Conv2D)          (None, 32, 32, 16)   432", text, StringComparison.Ordinal);
        Assert.Contains("refine/out (Activation)         (None, 4, 4, 64)     0", text, StringComparison.Ordinal);
        Assert.Contains("stage1 (Block)                  (None, 16, 16, 16)   2864", text, StringComparison.Ordinal);
        Assert.Contains("refine (Block)                  (None, 4, 4, 64)     74240", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("Total params: 147,642 (576.73 KB)").Length - 1);
        Assert.EndsWith("Six stages on a 32x32 input do not fit:" + Environment.NewLine + SixStagesError + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(32, 1, 16, 16, 16)]
    [InlineData(32, 3, 4, 4, 64)]
    [InlineData(32, 5, 1, 1, 256)]
    [InlineData(64, 6, 1, 1, 512)]
    public void EachStageHalvesTheSizeAndDoublesTheFilters(int size, int stages, int height, int width, int channels)
    {
        var network = CustomBlocksProgram.Build(size, stages);

        var refined = network.Nodes.Single(n => n.Name == "refine/out").Shape;
        Assert.Equal(Shape.Image(height, width, channels), refined);
    }

    [Fact]
    public void SixStagesOnThirtyTwoFailAtTheSixthPool()
    {
        var e = Assert.Throws<NetBuildException>(() => CustomBlocksProgram.Build(size: 32, stages: 6));

        Assert.Equal("stage6/max_pooling2d", e.Layer);
        Assert.Equal(SixStagesError, e.Message);
    }
}
