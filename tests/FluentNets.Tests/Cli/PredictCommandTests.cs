using System.Text.Json;
using FluentNets.Cli;
using FluentNets.Tests.Data;
using SkiaSharp;

namespace FluentNets.Tests.Cli;

public class PredictCommandTests(TrainedLeNet lenet) : IClassFixture<TrainedLeNet>
{
    [Fact]
    public void TheNetworkAsTrainCompilesItGivesTheSameProbabilities()
    {
        string image = lenet.Write("grey.png", ImageFiles.Halves(32, 32, new SKColor(30, 30, 30), new SKColor(220, 220, 220)));

        var fast = CliRun.Of("predict", "lenet5", "--weights", lenet.Weights, "--image", image, "--format", "json", "--device", "cpu");
        var plain = CliRun.Of("predict", "lenet5", "--weights", lenet.Weights, "--image", image, "--format", "json", "--device", "cpu", "--inference", "false");

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (fast.ExitCode, plain.ExitCode));
        // LeNet-5 has no BatchNorm: both run the same kernels, so every digit agrees.
        Assert.Equal(Probabilities(plain.Out), Probabilities(fast.Out));
        Assert.Equal(1, Probabilities(fast.Out).Sum(), 5);
    }

    [Fact]
    public void InferenceTakesTrueOrFalse()
    {
        var run = CliRun.Of("predict", "lenet5", "--weights", lenet.Weights, "--image", lenet.PathOf("any.png"), "--inference", "yes");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(["fluentnets: --inference 'yes' is not one of true, false."], run.ErrorLines);
    }

    private static double[] Probabilities(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("predictions")[0].GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble()).ToArray();
    }
}
