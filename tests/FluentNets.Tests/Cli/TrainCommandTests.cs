using System.Text.Json;
using System.Text.RegularExpressions;
using FluentNets.Cli;
using FluentNets.Data;
using FluentNets.Tests.Data;
using FluentNets.Weights;

namespace FluentNets.Tests.Cli;

public class TrainCommandTests
{
    // The first CPU training in a process may print the oneDNN guard's one line (README, "Values you
    // can trust on the CPU") on a CPU where its probe dies; which test trains first depends on the
    // order the classes run in.
    private static IEnumerable<string> ErrorsBesideTheOneDnnProbe(CliRun run) =>
        run.ErrorLines.Where(l => !(l.StartsWith("oneDNN's", StringComparison.Ordinal) && l.Contains(" died in a probe on this CPU", StringComparison.Ordinal)));

    // One epoch of LeNet-5 on the 1000 synthetic examples: a few seconds on two cores.
    private static string[] Quick(int epochs = 1) => ["train", "lenet5", "--data", "synthetic", "--epochs", $"{epochs}", "--batch", "50", "--device", "cpu"];

    [Fact]
    public void JsonIsOneObjectWithTheHistoryAndTheFinalValidationAccuracy()
    {
        var run = CliRun.Of([.. Quick(), "--format", "json"]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(ErrorsBesideTheOneDnnProbe(run));
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("lenet5", root.GetProperty("model").GetString());
        Assert.Equal("synthetic", root.GetProperty("data").GetString());
        Assert.Equal("cpu", root.GetProperty("device").GetString());
        Assert.Equal(50, root.GetProperty("batch").GetInt32());
        Assert.Equal("adam", root.GetProperty("optimizer").GetString());
        Assert.Equal(0.001, root.GetProperty("initial_learning_rate").GetDouble());
        Assert.Equal("constant", root.GetProperty("schedule").GetString());
        Assert.Equal("standard", root.GetProperty("normalize").GetString());
        Assert.Equal(0, root.GetProperty("seed").GetInt32());
        var epoch = Assert.Single(root.GetProperty("epochs").EnumerateArray());
        Assert.Equal(
            ["epoch", "loss", "accuracy", "top5", "val_loss", "val_accuracy", "val_top5", "learning_rate", "seconds", "images_per_second"],
            epoch.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, epoch.GetProperty("epoch").GetInt32());
        Assert.Equal(0.001, epoch.GetProperty("learning_rate").GetDouble());
        Assert.Equal(200, root.GetProperty("validation_count").GetInt32());
        double accuracy = root.GetProperty("final_validation_accuracy").GetDouble();
        Assert.Equal(epoch.GetProperty("val_accuracy").GetDouble(), accuracy);
        Assert.Equal(accuracy * 200, root.GetProperty("final_validation_correct").GetInt32(), 9);
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
    }

    [Fact]
    public void TextPrintsAPlainLinePerEpochWhenNotATerminalThenTheTableAndTheFinalAccuracy()
    {
        var run = CliRun.Of(Quick(epochs: 2));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(ErrorsBesideTheOneDnnProbe(run));
        var lines = run.OutLines;
        Assert.Equal(
            "training lenet5 (61,706 parameters, input 32x32x1) on synthetic-train, 1000 training and 200 validation examples, "
            + "torchsharp on cpu, adam rate 0.001 (constant), batch 50, 2 epochs, seed 0",
            lines[0]);
        Assert.Matches(@"^inputs standardised with the training split's mean \[0\.\d{4}\] and deviation \[0\.\d{4}\]$", lines[1]);
        Assert.Matches(EpochLine(1), lines[2]);
        Assert.Matches(EpochLine(2), lines[3]);
        Assert.Contains(lines, l => l.StartsWith("│ Epoch │   Loss │ Accuracy │", StringComparison.Ordinal));
        Assert.Matches(@"^final validation accuracy: [01]\.\d{4} \(\d+/200\)$", lines[^1]);
    }

    [Theory]
    [InlineData(new[] { "--data", "digits" }, "adam rate 0.002 (cosine), batch 32, 1 epochs")]
    [InlineData(new[] { "--data", "digits", "--optimizer", "sgd" }, "sgd rate 0.01 (cosine), batch 32, 1 epochs")]
    [InlineData(new[] { "--data", "digits", "--lr", "0.0005", "--batch", "64", "--schedule", "constant" }, "adam rate 0.0005 (constant), batch 64, 1 epochs")]
    [InlineData(new[] { "--data", "synthetic" }, "adam rate 0.001 (constant), batch 128, 1 epochs")]
    public void TheDigitsHaveTheirOwnDefaultBatchRateAndScheduleAndOtherDataTheSeeds(string[] options, string settings)
    {
        var run = CliRun.Of(["train", "lenet5", "--epochs", "1", "--device", "cpu", .. options]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.EndsWith($"torchsharp on cpu, {settings}, seed 0", run.OutLines[0]);
    }

    [Fact]
    public void NormalizeNoneLeavesThePixelsAsLoaded()
    {
        var run = CliRun.Of([.. Quick(), "--normalize", "none"]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("inputs: pixels in [0, 1] as loaded", run.OutLines[1]);
    }

    [Fact]
    public void SaveWritesTheFinalWeightsAndSaysWhere()
    {
        using var temp = new TempDirectory();
        string file = Path.Combine(temp.Path, "lenet5.safetensors");

        var run = CliRun.Of([.. Quick(), "--save", file]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains($"saved the weights to {file}", run.OutLines);
        Assert.Equal(10, FluentNets.Weights.WeightFile.Load(file).Count);
        Assert.Equal([file], Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void SaveRefusesANamedPipeBeforeTrainingAndLeavesItAPipe()
    {
        using var temp = new TempDirectory();
        string pipe = Path.Combine(temp.Path, "pipe");
        Assert.SkipUnless(FluentNets.Backends.Tests.Abstractions.Fifo.TryMake(pipe), "mkfifo is not available");

        var run = CliRun.Of([.. Quick(), "--save", pipe]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal([$"fluentnets: --save {pipe}: {pipe} is a named pipe (FIFO), not a regular file; nothing was written."], run.ErrorLines);
        Assert.Equal("a named pipe (FIFO)", FileKind.Of(pipe));
        Assert.Equal([pipe], Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void SaveRefusesAPlaceNoFileCanBeCreatedBeforeTraining()
    {
        // /proc takes no new files, not even root's: found before training, not after it.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc is Linux's");

        var run = CliRun.Of([.. Quick(), "--save", "/proc/fluentnets.safetensors"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith("fluentnets: --save /proc/fluentnets.safetensors: can't create /proc/fluentnets.safetensors.partial: ", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void SaveRefusesAFileAnotherRunIsSavingToBeforeTraining()
    {
        using var temp = new TempDirectory();
        string file = Path.Combine(temp.Path, "w.safetensors");
        using var other = FluentNets.Weights.WeightFileTarget.Open(file);

        var run = CliRun.Of([.. Quick(), "--save", file]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal([$"fluentnets: --save {file}: another process is saving to {file} (it holds the lock on {file}.partial)."], run.ErrorLines);
    }

    [Theory]
    [InlineData(new[] { "--data", "imagenet" }, "--data: unknown data set 'imagenet': expected digits, mnist:DIR, cifar10:DIR, synthetic or synthetic:HxWxC.")]
    [InlineData(new[] { "--data", "mnist:" }, "--data: 'mnist:' names no directory: expected mnist:DIR, e.g. mnist:./data/mnist.")]
    [InlineData(new[] { "--data", "synthetic:32x32x3" }, "lenet5 takes 32x32x1 images: synthetic-train: cannot convert 3-channel images to 1 channels (32x32x3 to 32x32x1); only grey (1 channel) becomes RGB (3), by repeating the channel.")]
    [InlineData(new[] { "--classes", "5" }, "--classes 5 is fewer than the 10 classes of synthetic-train.")]
    [InlineData(new[] { "--optimizer", "rmsprop" }, "--optimizer 'rmsprop' is not one of sgd, adam, adamw.")]
    [InlineData(new[] { "--lr", "-0.1" }, "--lr '-0.1' is not a positive number.")]
    [InlineData(new[] { "--lr", "fast" }, "--lr 'fast' is not a positive number.")]
    [InlineData(new[] { "--normalize", "minmax" }, "--normalize 'minmax' is not one of standard, none.")]
    [InlineData(new[] { "--schedule", "step" }, "--schedule 'step' is not one of constant, cosine.")]
    [InlineData(new[] { "--epochs", "0" }, "--epochs '0' is not a positive integer.")]
    [InlineData(new[] { "--batch", "x" }, "--batch 'x' is not a positive integer.")]
    [InlineData(new[] { "--seed", "1.5" }, "--seed '1.5' is not an integer.")]
    [InlineData(new[] { "--seed", "99999999999" }, "--seed '99999999999' is not an integer.")]
    [InlineData(new[] { "--lr", "NaN" }, "--lr 'NaN' is not a positive number.")]
    [InlineData(new[] { "--batch", "-3" }, "--batch '-3' is not a positive integer.")]
    [InlineData(new[] { "--device", "tpu" }, "--device 'tpu' is not auto, cpu, cuda or cuda:N (N a device index from 0).")]
    [InlineData(new[] { "--format", "xml" }, "--format 'xml' is not one of text, json.")]
    [InlineData(new[] { "--save", "" }, "--save needs a file name, e.g. --save weights.safetensors.")]
    [InlineData(new[] { "--data", "synthetic:100000x100000x3" }, "--data: 'synthetic:100000x100000x3' is too large: 1200 examples of 100000x100000x3 are 36,000,000,000,000 bytes, above the 2,147,483,591 one array holds.")]
    [InlineData(new[] { "--input", "8x8x1" }, "conv2d_1: kernel 5x5 does not fit input 2x2x6 with valid padding: (2 - 5 + 0)/1 + 1 = -2. Use pad: Padding.Same or a smaller kernel.")]
    public void ABadRequestIsOneLineAndExitCodeTwo(string[] options, string message)
    {
        var run = CliRun.Of(["train", "lenet5", .. options.Contains("--data") ? options : ["--data", "synthetic", .. options]]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal([$"fluentnets: {message}"], run.ErrorLines);
    }

    [Fact]
    public void ACorruptDataFileNamesTheFileAndWhatWasWrong()
    {
        using var temp = new TempDirectory();
        temp.Write("train-images-idx3-ubyte", DataFiles.IdxImages(2, 28, 28, _ => 0, magic: 2049));
        temp.Write("train-labels-idx1-ubyte", DataFiles.IdxLabels([0, 1]));
        var expected = Assert.Throws<DataFormatException>(() => DataSets.Parse($"mnist:{temp.Path}"));

        var run = CliRun.Of("train", "lenet5", "--data", $"mnist:{temp.Path}");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal([$"fluentnets: {expected.Message}"], run.ErrorLines);
        Assert.Contains("expected magic 2051", expected.Message);
    }

    [Fact]
    public void AMissingDataDirectoryIsOneLine()
    {
        string missing = Path.Combine(Path.GetTempPath(), "fluentnets-no-such-" + Guid.NewGuid().ToString("N"));

        var run = CliRun.Of("train", "lenet5", "--data", $"mnist:{missing}");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("fluentnets: ", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void SaveIntoAMissingDirectoryFailsBeforeTraining()
    {
        string missing = Path.Combine(Path.GetTempPath(), "fluentnets-no-such-" + Guid.NewGuid().ToString("N"));

        var run = CliRun.Of("train", "lenet5", "--data", "synthetic", "--save", Path.Combine(missing, "w.safetensors"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal([$"fluentnets: --save {Path.Combine(missing, "w.safetensors")}: the directory {missing} does not exist."], run.ErrorLines);
    }

    [Theory]
    [InlineData("  --data <digits|mnist:DIR|cifar10:DIR|synthetic> ")]
    [InlineData("  --optimizer <sgd|adam|adamw> ")]
    [InlineData("  --device <auto|cpu|cuda> ")]
    [InlineData("  --save <FILE> ")]
    public void HelpListsTheOptions(string line)
    {
        var run = CliRun.Of("train", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(line, run.Out);
    }

    private static Regex EpochLine(int epoch) => new(
        $@"^epoch {epoch}/2  loss \d+\.\d{{4}}  acc [01]\.\d{{4}}  val_loss \d+\.\d{{4}}  val_acc [01]\.\d{{4}}  \d+ img/s  \d+\.\d s$");
}
