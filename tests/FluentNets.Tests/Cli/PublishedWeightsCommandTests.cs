using System.Text.Json;
using FluentNets.Cli;
using FluentNets.Export.Tests;
using FluentNets.Tests.Data;
using FluentNets.Weights;

namespace FluentNets.Tests.Cli;

/// <summary>
/// Seed 001's first step from the command line with the files people download: keras.applications' Xception
/// without its top (.h5, in Keras's layout, written by h5py) under a new head with the base frozen, and a
/// torchvision GoogLeNet state dict without the auxiliary heads torchvision deletes after loading its weights.
/// </summary>
public sealed class PublishedWeightsCommandTests : IDisposable
{
    private readonly TempDirectory folder = ImageFiles.Flowers(perClass: 4, size: 20);
    private readonly TempDirectory output = new();

    public void Dispose()
    {
        folder.Dispose();
        output.Dispose();
    }

    [Fact]
    public void TrainTakesXceptionsNoTopH5UnderANewHeadWithTheBaseFrozen()
    {
        string? missing = Python.WhyNot("h5py", "numpy", "torch");
        Assert.SkipWhen(missing is not null, missing ?? "");
        var (code, _, error) = Python.Run([Path.Combine(AppContext.BaseDirectory, "keras_files.py"), "xception", output.Path], output.Path, TimeSpan.FromMinutes(5));
        Assert.True(code == 0, error);
        string h5 = Path.Combine(output.Path, "xception_weights_tf_dim_ordering_tf_kernels_notop.h5");
        string saved = Path.Combine(output.Path, "flowers.safetensors");

        var run = CliRun.Of("train", "xception", "--input", "71x71x3", "--include-top", "false", "--head", "2", "--weights", h5, "--freeze", "base",
            "--data", $"folder:{folder.Path}", "--split", "0.75,0.25", "--batch", "4", "--epochs", "1", "--device", "cpu", "--save", saved);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        // Only the head trains: Dense(2) on Xception's 2,048 features, 2,048 * 2 + 2 parameters.
        Assert.Contains(run.OutLines, l => l.StartsWith("frozen: ", StringComparison.Ordinal) && l.Contains(" 4,098 of ", StringComparison.Ordinal));
        Assert.Contains("new head: predictions.weight, predictions.bias start from fresh weights", run.OutLines);
        var state = WeightFile.Load(saved);
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output.Path, "xception_notop.json")));
        foreach (var tensor in expected.RootElement.EnumerateObject())
        {
            Assert.Equal(tensor.Value.EnumerateArray().Select(v => v.GetSingle()), state[tensor.Name].Data.Take(tensor.Value.GetArrayLength()));
        }
    }

    // predict and evaluate compile for inference, which leaves the auxiliary heads out: nothing is missing to mention.
    [Theory]
    [InlineData("predict", true)]
    [InlineData("evaluate", true)]
    [InlineData("predict", false)]
    [InlineData("evaluate", false)]
    [InlineData("train", false)]
    public void AGoogLeNetStateDictWithoutItsAuxiliaryHeadsLoadsAndSaysSoInOneLine(string command, bool forInference)
    {
        string? missing = Python.WhyNot("torch", "torchvision");
        Assert.SkipWhen(missing is not null, missing ?? "");
        string pth = Path.Combine(output.Path, "googlenet.pth");
        // What torchvision's googlenet(weights=...) holds: its loader deletes aux1 and aux2 after reading the file.
        const string Script = "import sys, torch, torchvision; "
            + "torch.save(torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=True, num_classes=2).state_dict(), sys.argv[1])";
        var (code, _, error) = Python.Run(["-c", Script, pth], output.Path, TimeSpan.FromMinutes(2));
        Assert.True(code == 0, error);
        string image = output.Write("rose.png", ImageFiles.Solid(40, 40, new SkiaSharp.SKColor(220, 20, 30)));
        string[] model = ["tv-googlenet", "--input", "64x64x3", "--classes", "2", "--weights", pth, "--device", "cpu", .. command == "train" ? [] : (string[])["--inference", forInference ? "true" : "false"]];
        string[] data = ["--data", $"folder:{folder.Path}", "--batch", "4"];

        var run = CliRun.Of(command switch
        {
            "predict" => ["predict", .. model, "--image", image],
            "evaluate" => ["evaluate", .. model, .. data],
            _ => ["train", .. model, .. data, "--epochs", "1"],
        });

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        if (forInference)
        {
            Assert.DoesNotContain("kept their values", run.Out + run.Error, StringComparison.Ordinal);
            return;
        }

        // aux1 and aux2: a convolution, its BatchNorm's four tensors, and two Linear layers' weights and biases each.
        string note = Assert.Single(run.Out.Split('\n').Concat(run.ErrorLines), l => l.Contains("kept their values", StringComparison.Ordinal));
        Assert.StartsWith($"{pth}: 18 of ", note, StringComparison.Ordinal);
        Assert.Contains("aux1/", note, StringComparison.Ordinal);
        Assert.Contains("aux2/", note, StringComparison.Ordinal);
    }
}
