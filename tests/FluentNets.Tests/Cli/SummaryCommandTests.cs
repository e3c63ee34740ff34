using System.Text.Json;
using FluentNets.Cli;

namespace FluentNets.Tests.Cli;

public class SummaryCommandTests
{
    [Fact]
    public void PrintsTheKerasTableByDefault()
    {
        var run = CliRun.Of("summary", "vgg16");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        string[] lines = run.Out.Split('\n');
        Assert.Equal("Model: \"vgg16\"", lines[0]);
        Assert.Equal("block1_conv1 (Conv2D)        (None, 224, 224, 64)      1792      ", lines[4]);
        Assert.Contains("Total params: 138,357,544 (527.79 MB)", lines);
    }

    [Fact]
    public void JsonHasTheTotalsAndEveryLayer()
    {
        var run = CliRun.Of("summary", "alexnet", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(34_066_792, root.GetProperty("total_params").GetInt64());
        var layers = root.GetProperty("layers");
        Assert.Equal("input_1", layers[0].GetProperty("name").GetString());
        var conv = layers[1];
        Assert.Equal("conv2d", conv.GetProperty("name").GetString());
        Assert.Equal([56, 56, 96], conv.GetProperty("output_shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(34_944, conv.GetProperty("params").GetInt64());
    }

    [Fact]
    public void MarkdownHasATableRowPerLayer()
    {
        var run = CliRun.Of("summary", "alexnet", "--format", "markdown");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("| conv2d (Conv2D) | (None, 56, 56, 96) | 34,944 | 109,283,328 | input_1 |", run.Out.Split('\n'));
    }

    [Theory]
    [InlineData(new[] { "summary", "lenet5" }, "Total params: 61,706 (241.04 KB)")]
    [InlineData(new[] { "summary", "LeNet5", "--input", "28x28x1", "--classes", "5" }, "Total params: 44,001 (171.88 KB)")]
    [InlineData(new[] { "summary", "lenet5", "--input", "28X28X1", "--classes", "5", "--format", "table" }, "Total params: 44,001 (171.88 KB)")]
    public void InputAndClassesReplaceThePublishedOnes(string[] args, string totals)
    {
        var run = CliRun.Of(args);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(totals, run.Out.Split('\n'));
    }

    [Fact]
    public void DepthOneFoldsEachBlockIntoOneRow()
    {
        var layers = CliRun.Of("summary", "resnet50-pool55").Out;
        var blocks = CliRun.Of("summary", "resnet50-pool55", "--depth", "1").Out;

        Assert.Contains("conv2_block1/1_conv (Conv2D)", layers);
        Assert.DoesNotContain("conv2_block1/", blocks);
        Assert.Contains("conv2_block1 (Block)", blocks);
        Assert.Contains("Total params: 25,636,712 (97.80 MB)", blocks.Split('\n'));
    }
}
