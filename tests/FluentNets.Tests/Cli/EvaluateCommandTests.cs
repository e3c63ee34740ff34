using System.Text.Json;
using FluentNets.Backends;
using FluentNets.Backends.Reference;
using FluentNets.Cli;
using FluentNets.Weights;
using FluentNets.Zoo;

namespace FluentNets.Tests.Cli;

public class EvaluateCommandTests(TrainedLeNet lenet) : IClassFixture<TrainedLeNet>
{
    [Fact]
    public void ReproducesExactlyTheValidationNumbersTrainReportedForTheWeightsItSaved()
    {
        Assert.Equal(ExitCodes.Success, lenet.Train.ExitCode);
        using var trained = JsonDocument.Parse(lenet.Train.Out);
        var train = trained.RootElement;
        var last = train.GetProperty("epochs")[0];

        var run = CliRun.Of("evaluate", "lenet5", "--weights", lenet.Weights, "--data", "synthetic", "--batch", "50", "--device", "cpu", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        using var evaluated = JsonDocument.Parse(run.Out);
        var evaluation = evaluated.RootElement;
        Assert.Equal(train.GetProperty("final_validation_accuracy").GetDouble(), evaluation.GetProperty("validation_accuracy").GetDouble());
        Assert.Equal(train.GetProperty("final_validation_correct").GetInt32(), evaluation.GetProperty("validation_correct").GetInt32());
        Assert.Equal(train.GetProperty("validation_count").GetInt32(), evaluation.GetProperty("validation_count").GetInt32());
        Assert.Equal(last.GetProperty("val_loss").GetDouble(), evaluation.GetProperty("validation_loss").GetDouble());
        Assert.Equal(last.GetProperty("val_top5").GetDouble(), evaluation.GetProperty("validation_top5").GetDouble());
        Assert.Equal("lenet5", evaluation.GetProperty("model").GetString());
        Assert.Equal(lenet.Weights, evaluation.GetProperty("weights").GetString());
    }

    [Fact]
    public void TextEndsWithTheAccuracyInTrainsFormat()
    {
        using var trained = JsonDocument.Parse(lenet.Train.Out);
        var train = trained.RootElement;
        string expected = FormattableString.Invariant(
            $"validation accuracy: {train.GetProperty("final_validation_accuracy").GetDouble():F4} ({train.GetProperty("final_validation_correct").GetInt32()}/200)");

        var run = CliRun.Of("evaluate", "lenet5", "--weights", lenet.Weights, "--data", "synthetic", "--batch", "50");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(expected, run.OutLines[^1]);
    }

    [Fact]
    public void TheNetworkAsTrainCompilesItGivesTheSameNumbersAndTheFirstLineSaysWhichRan()
    {
        var fast = CliRun.Of("evaluate", "lenet5", "--weights", lenet.Weights, "--data", "synthetic", "--batch", "50", "--device", "cpu");
        var plain = CliRun.Of("evaluate", "lenet5", "--weights", lenet.Weights, "--data", "synthetic", "--batch", "50", "--device", "cpu", "--inference", "false");

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (fast.ExitCode, plain.ExitCode));
        Assert.Contains(", torchsharp on cpu, compiled for inference, in ", fast.OutLines[0], StringComparison.Ordinal);
        Assert.Contains(", torchsharp on cpu, in ", plain.OutLines[0], StringComparison.Ordinal);
        // LeNet-5 has no BatchNorm: both run the same kernels, so every digit agrees.
        Assert.Equal(plain.OutLines[1..], fast.OutLines[1..]);
    }

    [Fact]
    public void ACorruptWeightsFileIsOneLineAndExitCodeTwo()
    {
        string file = lenet.Write("corrupt.safetensors", [1, 2, 3]);

        var run = CliRun.Of("evaluate", "lenet5", "--weights", file, "--data", "synthetic");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal([$"fluentnets: {file}: expected an 8-byte little-endian header length, found a file of 3 bytes."], run.ErrorLines);
    }

    [Fact]
    public void WeightsOfAnotherShapeNameTheFirstParameterThatDiffers()
    {
        string file = lenet.PathOf("lenet5-12.safetensors");
        using (var other = new ReferenceBackend().Compile(ModelZoo.Get("lenet5").Build(classes: 12), seed: 1))
        {
            other.Save(file);
        }

        var run = CliRun.Of("evaluate", "lenet5", "--weights", file, "--data", "synthetic");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal([$"fluentnets: {file}: dense_2.weight: the weights have [12, 84] but the network has [10, 84]."], run.ErrorLines);
    }

    [Fact]
    public void AMissingWeightsFileIsOneLine()
    {
        string file = lenet.PathOf("none.safetensors");

        var run = CliRun.Of("evaluate", "lenet5", "--weights", file, "--data", "synthetic");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal([$"fluentnets: --weights {file}: no such file."], run.ErrorLines);
    }

    [Fact]
    public void WeightsAreRequired()
    {
        var run = CliRun.Of("evaluate", "lenet5");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(["fluentnets: Option '--weights' is required."], run.ErrorLines);
    }

    [Fact]
    public void ANamedPipeAsWeightsIsRefusedWithoutWaitingForAWriter()
    {
        using var temp = new FluentNets.Tests.Data.TempDirectory();
        string pipe = Path.Combine(temp.Path, "w.safetensors");
        Assert.SkipUnless(FluentNets.Backends.Tests.Abstractions.Fifo.TryMake(pipe), "mkfifo is not available");

        var run = CliRun.Of("evaluate", "lenet5", "--weights", pipe, "--data", "synthetic");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal([$"fluentnets: --weights {pipe}: is a named pipe (FIFO), not a weights file."], run.ErrorLines);
    }
}
