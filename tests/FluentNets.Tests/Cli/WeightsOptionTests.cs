using FluentNets.Cli;
using FluentNets.Zoo;

namespace FluentNets.Tests.Cli;

/// <summary><c>--weights</c> in <c>summary</c> and <c>verify</c>: safetensors or Keras HDF5 by extension, checked before use.</summary>
public class WeightsOptionTests
{
    private static readonly ZooModel[] Small = KerasFixtures.Models;

    private static string Fixture(string name) => KerasFixtures.PathOf(name);

    [Theory]
    [InlineData("small.h5")]
    [InlineData("small.weights.h5")]
    public void SummaryChecksAKerasFileAgainstTheModel(string file)
    {
        var run = CliRun.With(Small, "summary", "small", "--weights", Fixture(file));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal($"Weights: {Fixture(file)} fits (16 tensors).", run.OutLines[^1]);
    }

    [Fact]
    public void VerifyRunsTheModelWithTheLoadedWeights()
    {
        var run = CliRun.With(Small, "verify", "small", "--weights", Fixture("small.h5"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal($"loaded {Fixture("small.h5")}: 16 tensors", run.OutLines[0]);
    }

    [Fact]
    public void AFileOfAnotherModelIsOneLineAndExitTwo()
    {
        var run = CliRun.With(Small, "summary", "small", "--classes", "4", "--weights", Fixture("small.h5"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains("1 of another shape: fc: kernel is [180, 6] in the file, [180, 4] in the network, bias is [6] in the file, [4] in the network.", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void ADamagedHdf5FileIsOneLineAndExitTwo()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fluentnets-cli-damaged-{Environment.ProcessId}.h5");
        File.WriteAllBytes(path, File.ReadAllBytes(Fixture("small.h5"))[..2000]);
        try
        {
            var run = CliRun.With(Small, "verify", "small", "--weights", path);

            Assert.Equal(ExitCodes.Usage, run.ExitCode);
            Assert.Single(run.ErrorLines);
            Assert.StartsWith($"fluentnets: {path}: expected a Keras HDF5 weights file", run.ErrorLines[0], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AMissingFileIsAParseError()
    {
        var run = CliRun.With(Small, "summary", "small", "--weights", "no-such.h5");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--weights no-such.h5: no such file.", run.Error);
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("verify")]
    public void ANamedPipeAsWeightsIsRefusedByEveryCommandWithoutWaitingForAWriter(string command)
    {
        using var temp = new FluentNets.Tests.Data.TempDirectory();
        string pipe = Path.Combine(temp.Path, "w.safetensors");
        Assert.SkipUnless(FluentNets.Backends.Tests.Abstractions.Fifo.TryMake(pipe), "mkfifo is not available");

        var run = CliRun.Of(command, "lenet5", "--weights", pipe);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal([$"fluentnets: --weights {pipe}: is a named pipe (FIFO), not a weights file."], run.ErrorLines);
    }

    [Fact]
    public void IncludeTopFalseBuildsTheModelWithoutItsClassifierAsKerasDoes()
    {
        var run = CliRun.Of("summary", "resnet50", "--include-top", "false", "--pooling", "avg");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Total params: 23,587,712 (89.98 MB)", run.OutLines);
        Assert.Contains(run.OutLines, l => l.StartsWith("avg_pool (GlobalAveragePooling2", StringComparison.Ordinal) && l.Contains("(None, 2048)", StringComparison.Ordinal));
    }

    [Fact]
    public void IncludeTopFalseBuildsATorchVisionModelWithoutItsPoolAndFc()
    {
        var run = CliRun.Of("summary", "tv-resnet50", "--include-top", "false");

        // torchvision's 25,557,032 parameters less fc's 2048 x 1000 + 1000.
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Trainable params: 23,508,032 (89.68 MB)", run.OutLines);
        Assert.DoesNotContain(run.OutLines, l => l.StartsWith("fc ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("resnet50 --pooling max", "fluentnets: --pooling max needs --include-top false: with its classifier, a model ends in it.")]
    [InlineData("resnet50 --include-top false --pooling mean", "fluentnets: --pooling 'mean' is not one of none, avg, max.")]
    public void ARefusedTopIsOneLineAndExitTwo(string arguments, string error)
    {
        var run = CliRun.Of(["summary", .. arguments.Split(' ')]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal([error], run.ErrorLines);
    }
}
