using System.Text.Json;
using FluentNets.Backends;
using FluentNets.Cli;
using FluentNets.Tests.Data;
using FluentNets.Weights;
using SkiaSharp;

namespace FluentNets.Tests.Cli;

/// <summary>Seed 001's workflow from the command line on a folder of PNG and JPEG files: train, freeze the base under a new head, predict.</summary>
public sealed class TransferLearningCommandTests : IDisposable
{
    private readonly TempDirectory folder = ImageFiles.Flowers(perClass: 8, size: 20);
    private readonly TempDirectory output = new();

    public TransferLearningCommandTests() => folder.Write("roses/notes.txt", "not an image"u8.ToArray());

    public void Dispose()
    {
        folder.Dispose();
        output.Dispose();
    }

    private string[] Train(params string[] more) =>
        ["train", "lenet5", "--input", "32x32x3", "--data", $"folder:{folder.Path}", "--split", "0.75,0.25", "--batch", "4", "--device", "cpu", "--seed", "1", .. more];

    private string File(string name) => Path.Combine(output.Path, name);

    [Fact]
    public void TrainsOnAFolderRecordsItsClassesThenFreezesTheBaseAndPredictsByName()
    {
        var first = CliRun.Of(Train("--preprocess", "tf", "--optimizer", "sgd", "--lr", "0.05", "--momentum", "0.9", "--decay", "0.01", "--augment", "flip",
            "--epochs", "2", "--save", File("base.safetensors")));

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Equal($"skipped 1 file of {folder.Path}: {Path.Combine(folder.Path, "roses", "notes.txt")} (not an image file (accepted: .jpg, .jpeg, .png, .bmp, .webp, .gif))",
            Assert.Single(first.ErrorLines, l => !l.StartsWith("oneDNN", StringComparison.Ordinal)));
        Assert.Contains("12 training and 4 validation examples", first.OutLines[0], StringComparison.Ordinal);
        Assert.Equal("inputs: keras.applications' tf preprocessing", first.OutLines[1]);
        var metadata = WeightFile.ReadMetadata(File("base.safetensors"));
        Assert.Equal("""["roses","tulips"]""", metadata["classes"]);
        Assert.Equal("tf", metadata["preprocess"]);
        Assert.Equal("32x32x3", metadata["input"]);
        Assert.Equal("0.75,0.25", metadata["split"]);

        var head = CliRun.Of(Train("--weights", File("base.safetensors"), "--freeze", "base", "--preprocess", "tf", "--optimizer", "sgd", "--lr", "0.05",
            "--epochs", "1", "--save", File("head.safetensors")));

        Assert.Equal(ExitCodes.Success, head.ExitCode);
        Assert.Contains("frozen: 8 of 9 layers, 170 of 61,326 parameters train", head.OutLines, StringComparer.Ordinal);
        var before = WeightFile.Load(File("base.safetensors"));
        var after = WeightFile.Load(File("head.safetensors"));
        foreach (var name in new[] { "conv2d.weight", "conv2d_1.bias", "dense.weight", "dense_1.weight" })
        {
            Assert.Equal(before[name].Data, after[name].Data);
        }

        Assert.NotEqual(before["dense_2.weight"].Data, after["dense_2.weight"].Data);

        string rose = output.Write("rose.png", ImageFiles.Solid(25, 25, new SKColor(220, 20, 30)));
        string tulip = output.Write("tulip.jpg", ImageFiles.Solid(25, 25, new SKColor(30, 40, 210), SKEncodedImageFormat.Jpeg));
        var json = CliRun.Of("predict", "lenet5", "--weights", File("head.safetensors"), "--image", rose, "--image", tulip, "--format", "json", "--device", "cpu");

        Assert.Equal(ExitCodes.Success, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(["roses", "tulips"], document.RootElement.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        var predictions = document.RootElement.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal([rose, tulip], predictions.Select(p => p.GetProperty("image").GetString()));
        Assert.All(predictions, p => Assert.Equal(1, p.GetProperty("probabilities").EnumerateArray().Sum(v => v.GetDouble()), 5));
        Assert.Equal("roses", predictions[0].GetProperty("top")[0].GetProperty("class").GetString());
        Assert.Equal("tulips", predictions[1].GetProperty("top")[0].GetProperty("class").GetString());

        var text = CliRun.Of("predict", "lenet5", "--weights", File("head.safetensors"), "--image", rose, "--top", "1", "--device", "cpu");
        Assert.Equal(ExitCodes.Success, text.ExitCode);
        Assert.Equal(rose, text.OutLines[0]);
        Assert.Matches(@"^  [01]\.\d{4}  roses$", text.OutLines[1]);
    }

    [Fact]
    public void ANewHeadStartsFreshWhenTheClassesChange()
    {
        string base10 = File("digits.safetensors");
        Assert.Equal(ExitCodes.Success, CliRun.Of("train", "lenet5", "--input", "32x32x3", "--data", "synthetic:32x32x3", "--epochs", "1", "--batch", "100", "--device", "cpu", "--save", base10).ExitCode);

        var refused = CliRun.Of(Train("--weights", base10, "--epochs", "1"));
        var run = CliRun.Of(Train("--weights", base10, "--new-head", "--freeze", "base", "--epochs", "1"));

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Equal($"fluentnets: {base10}: dense_2.weight: the weights have [10, 84] but the network has [2, 84]. (with --new-head, a classifier of another shape starts fresh)", refused.ErrorLines[^1]);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("new head: dense_2.weight, dense_2.bias start from fresh weights", run.OutLines, StringComparer.Ordinal);
    }

    [Fact]
    public void IncludeTopFalseWithHeadPutsGlobalAveragePoolingAndASoftmaxDenseOnTheBase()
    {
        var first = CliRun.Of(Train("--include-top", "false", "--head", "2", "--epochs", "1", "--save", File("head.safetensors")));

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        var saved = WeightFile.Load(File("head.safetensors"));
        // LeNet-5's base at 32x32x3 ends in 5x5x16; the head is 16 -> 2: 16 * 2 weights and 2 biases, Keras's Dense count.
        Assert.Equal([2, 16], saved["predictions.weight"].Shape);
        Assert.DoesNotContain(saved.Keys, k => k.StartsWith("dense", StringComparison.Ordinal));
        string trained = Assert.Single(first.OutLines, l => l.StartsWith("final validation accuracy: ", StringComparison.Ordinal));

        var evaluated = CliRun.Of("evaluate", "lenet5", "--include-top", "false", "--head", "2", "--weights", File("head.safetensors"),
            "--data", $"folder:{folder.Path}", "--batch", "4", "--device", "cpu");

        Assert.Equal(ExitCodes.Success, evaluated.ExitCode);
        Assert.Equal(trained["final ".Length..], Assert.Single(evaluated.OutLines, l => l.StartsWith("validation accuracy: ", StringComparison.Ordinal)));

        var tuned = CliRun.Of(Train("--include-top", "false", "--head", "2", "--weights", File("head.safetensors"), "--freeze", "base",
            "--optimizer", "sgd", "--lr", "0.05", "--epochs", "1", "--save", File("tuned.safetensors")));

        Assert.Equal(ExitCodes.Success, tuned.ExitCode);
        // Conv layers 5*5*3*6 + 6 = 456 and 5*5*6*16 + 16 = 2,416, the head 16*2 + 2 = 34; frozen: input, 2 convs, 2 pools and avg_pool.
        Assert.Contains("frozen: 6 of 7 layers, 34 of 2,906 parameters train", tuned.OutLines, StringComparer.Ordinal);
        var after = WeightFile.Load(File("tuned.safetensors"));
        Assert.Equal(saved["conv2d_1.weight"].Data, after["conv2d_1.weight"].Data);
        Assert.NotEqual(saved["predictions.weight"].Data, after["predictions.weight"].Data);
    }

    [Theory]
    [InlineData(new[] { "--head", "2" }, "--head 2 needs --include-top false: with its top, lenet5 already ends in its classifier, which --classes sizes.")]
    [InlineData(new[] { "--include-top", "false" }, "--include-top false needs --head N: a network to train or evaluate ends in a classifier.")]
    [InlineData(new[] { "--include-top", "false", "--head", "2", "--classes", "2" }, "--head 2 and --classes 2 both size the classifier: give --head alone.")]
    [InlineData(new[] { "--include-top", "false", "--head", "1" }, "--head 1 is fewer than the 2 classes of fluentnets-")]
    [InlineData(new[] { "--include-top", "no", "--head", "2" }, "--include-top 'no' is not one of true, false.")]
    [InlineData(new[] { "--include-top", "false", "--head", "0" }, "--head '0' is not a positive integer.")]
    public void HeadAndIncludeTopThatContradictAreOneLineAndExitTwo(string[] options, string message)
    {
        var run = CliRun.Of(Train([.. options, "--epochs", "1"]));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith($"fluentnets: {message}", Assert.Single(run.ErrorLines, l => l.StartsWith("fluentnets:", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--freeze", "block9", "--freeze block9: no layer of lenet5 has that name.")]
    [InlineData("--split", "0.9,0.3", "--split '0.9,0.3' is not 2 or 3 fractions in (0, 1] summing to at most 1, e.g. 0.75,0.15,0.10.")]
    [InlineData("--preprocess", "keras", "--preprocess 'keras' is not one of none, unit, tf, caffe, torch.")]
    [InlineData("--prefetch", "-1", "--prefetch '-1' is not 0 or a positive integer.")]
    [InlineData("--decay", "-0.5", "--decay '-0.5' is not a number of 0 or more.")]
    [InlineData("--augment", "rotate", "--augment 'rotate' is not flip, crop, flip,crop or none.")]
    [InlineData("--momentum", "1.5", "--momentum '1.5' is not a number in [0, 1).")]
    public void BadFineTuningArgumentsAreOneLineAndExitTwo(string option, string value, string message)
    {
        var run = CliRun.Of(Train(option, value, "--epochs", "1"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith($"fluentnets: {message}", Assert.Single(run.ErrorLines, l => l.StartsWith("fluentnets:", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void PredictRefusesAMissingImageAndACorruptOneInOneLine()
    {
        string weights = File("w.safetensors");
        Assert.Equal(ExitCodes.Success, CliRun.Of(Train("--epochs", "1", "--save", weights)).ExitCode);
        string corrupt = output.Write("corrupt.png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

        var missing = CliRun.Of("predict", "lenet5", "--weights", weights, "--image", File("nowhere.png"), "--device", "cpu");
        var broken = CliRun.Of("predict", "lenet5", "--weights", weights, "--image", corrupt, "--device", "cpu");

        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.Equal($"fluentnets: --image {File("nowhere.png")}: no such file.", missing.Error.Trim());
        Assert.Equal(ExitCodes.Usage, broken.ExitCode);
        Assert.StartsWith($"fluentnets: {corrupt}: expected a JPEG, PNG, BMP, WebP or GIF image, found no image SkiaSharp can decode", broken.Error.Trim(), StringComparison.Ordinal);
        Assert.Single(broken.ErrorLines);
    }
}
