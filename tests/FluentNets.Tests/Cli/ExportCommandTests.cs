using System.Text.RegularExpressions;
using FluentNets.Backends;
using FluentNets.Cli;
using FluentNets.Data;
using FluentNets.Export.Tests;
using FluentNets.Tests.Data;
using FluentNets.Weights;

namespace FluentNets.Tests.Cli;

/// <summary>
/// <c>fluentnets export</c> and <c>plot</c>: files written, bad requests refused with one line, and
/// the PyTorch template trained with DistributedDataParallel on two gloo processes, its result
/// evaluated by <c>fluentnets evaluate</c>.
/// </summary>
public partial class ExportCommandTests
{
    [Fact]
    public void TwoGlooProcessesTrainTheExportedLeNetAndEvaluateLoadsTheResult()
    {
        Assert.SkipWhen(Python.WhyNotTorch is not null, Python.WhyNotTorch ?? "");
        using var temp = new TempDirectory();
        string folder = Path.Combine(temp.Path, "lenet5");
        var export = CliRun.Of("export", "lenet5", "--format", "pytorch", "-o", folder);
        Assert.Equal(ExitCodes.Success, export.ExitCode);

        // The digits' training split as evaluate prepares it: 32x32, standardised with the split's own statistics.
        var (train, _) = DataSets.Parse("digits");
        train = train.ResizeTo(Shape.Image(32, 32, 1));
        var (mean, std) = train.ChannelStatistics();
        train = train.Normalize(mean, std);
        var (images, labels) = train.Batches(train.Count).Single();
        WeightFile.Save(Path.Combine(folder, "digits.safetensors"), new Dictionary<string, HostTensor>
        {
            ["images"] = images,
            ["labels"] = new HostTensor([labels.Length], labels.Select(l => (float)l).ToArray()),
        });
        var before = CliRun.Of("evaluate", "lenet5", "--weights", Path.Combine(folder, "weights.safetensors"), "--data", "digits", "--device", "cpu");

        var (code, stdout, stderr) = Python.Run(
            ["train_ddp.py", "--nproc", "2", "--data", "digits.safetensors", "--epochs", "3", "--steps", "60", "--lr", "0.002", "--out", "trained.safetensors"],
            folder,
            TimeSpan.FromMinutes(10));
        Assert.True(code == 0, stderr);
        Assert.Contains("wrote trained.safetensors after 60 steps on 2 processes", stdout, StringComparison.Ordinal);

        var after = CliRun.Of("evaluate", "lenet5", "--weights", Path.Combine(folder, "trained.safetensors"), "--data", "digits", "--device", "cpu");
        Assert.Equal(ExitCodes.Success, after.ExitCode);
        Assert.True(Accuracy(after) >= 0.5 && Accuracy(after) > Accuracy(before) + 0.3, $"before: {before.Out}\nafter: {after.Out}");
    }

    [Fact]
    public void OnnxExportWritesOneFileAndRefusesADirectory()
    {
        using var temp = new TempDirectory();
        string file = Path.Combine(temp.Path, "lenet5.onnx");

        var run = CliRun.Of("export", "lenet5", "--format", "onnx", "-o", file, "--preprocessing", "[0, 1]");
        var refused = CliRun.Of("export", "lenet5", "--format", "onnx", "-o", temp.Path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal($"wrote {file}: ONNX opset 17, input 'input_1' (N, 1, 32, 32), output 'dense_2'\n", run.Out);
        var model = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(file));
        Assert.Equal("[0, 1]", model.MetadataProps.Single(p => p.Key == "preprocessing").Value);
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Equal($"fluentnets: -o {temp.Path}: is a directory; onnx export writes one file.\n", refused.Error);
    }

    [Fact]
    public void WeightsOfAnotherModelAreRefusedAndNoFileIsWritten()
    {
        using var temp = new TempDirectory();
        string weights = Path.Combine(temp.Path, "w.safetensors");
        WeightFile.Save(weights, new Dictionary<string, HostTensor> { ["conv.weight"] = HostTensor.Zeros(1) });
        string file = Path.Combine(temp.Path, "out.onnx");

        var run = CliRun.Of("export", "lenet5", "--format", "onnx", "-o", file, "--weights", weights);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.StartsWith($"fluentnets: {weights}: ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void AnUnknownFormatIsOneLineAndExitTwo()
    {
        var run = CliRun.Of("export", "lenet5", "--format", "tflite", "-o", "x");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains("tflite", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PlotWritesMermaidWithABoxPerBlockAtDepthOne()
    {
        var run = CliRun.Of("plot", "googlenet", "--format", "mermaid", "--depth", "1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var boxes = run.OutLines.Where(l => MermaidBox().IsMatch(l)).ToArray();
        var network = FluentNets.Zoo.ModelZoo.Get("googlenet").Build();
        int blocks = network.Nodes.Select(n => n.Scope.Length == 0 ? n.Name : n.Scope.Split('/')[0]).Distinct().Count();
        Assert.Equal(blocks, boxes.Length);
        Assert.Equal(2, boxes.Count(b => b.EndsWith(":::aux", StringComparison.Ordinal)));
    }

    private static double Accuracy(CliRun run) =>
        double.Parse(AccuracyLine().Match(run.Out).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("validation accuracy: ([0-9.]+)")]
    private static partial Regex AccuracyLine();

    [GeneratedRegex("^    n[0-9]+\\[\"")]
    private static partial Regex MermaidBox();
}
