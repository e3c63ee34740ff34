using System.Text.Json;
using FluentNets.Cli;
using FluentNets.Export.Tests;
using FluentNets.Tests.Data;

namespace FluentNets.Tests.Cli;

/// <summary>
/// The weight files and images of the problems a fuzzing run found, written by h5py, torch.save and PIL
/// (fuzz_oracle.py <c>hostile</c>) and judged by them: the valid variants load with the values h5py or PyTorch reads,
/// and every hostile file is refused in one line, within bounded memory, naming what is wrong.
/// </summary>
public class HostileFileTests(HostileFileTests.Files files) : IClassFixture<HostileFileTests.Files>
{
    [Theory]
    [InlineData("case-fletcher32.h5")]
    [InlineData("case-float16.h5")]
    [InlineData("case-big-endian.h5")]
    [InlineData("case-user-block.h5")]
    [InlineData("case-shared-storage.pth")]
    [InlineData("case-non-contiguous.pth")]
    [InlineData("case-parameters.pth")]
    public void AValidVariantLoadsWithTheValuesH5pyOrPyTorchReads(string name)
    {
        var verdict = files.Verdict(name);
        Assert.True(verdict.GetProperty("loads").GetBoolean(), verdict.ToString());

        var run = CliRun.With(FileFuzzingTests.Network, "predict", "fuzz", "--weights", files.PathOf(name), "--image", files.PathOf("input.png"), "--format", "json", "--device", "cpu");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var got = json.RootElement.GetProperty("predictions")[0].GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble());
        var want = verdict.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble());
        Assert.All(got.Zip(want), pair => Assert.Equal(pair.Second, pair.First, 1e-5));
    }

    [Theory]
    [InlineData("case-cycle-dataset.h5", "found a cycle of soft links at 'conv/conv/kernel:0' (h5py refuses it too)")]
    [InlineData("case-cycle-groups.h5", "found a cycle of soft links at 'conv' (h5py refuses it too)")]
    [InlineData("case-cycle-vars.weights.h5", "found a cycle of soft links at 'layers/conv2d/vars' (h5py refuses it too)")]
    [InlineData("case-recursive.weights.h5", "expected Keras 3 'layers' groups nested at most 16 deep")]
    [InlineData("case-huge-dataset.h5", "fc: kernel is [1024, 1024, 1024] in the file, [32, 3] in the network")]
    [InlineData("case-long-string.pth", "expected a string of at most the")]
    [InlineData("case-runs-code.pth", "but the pickle names posix.system, which FluentNets never calls (Python's pickle would)")]
    [InlineData("case-nan.h5", "expected finite weights, found NaN or Inf in 1 of 8 tensors: fc.weight (1 NaN, 1 Inf); nothing was loaded. --allow-non-finite uses them anyway")]
    public void AHostileWeightsFileIsRefusedInOneLineWithinBoundedMemory(string name, string expected)
    {
        Assert.False(files.Verdict(name).GetProperty("loads").GetBoolean());

        var (run, allocated) = FileFuzzingTests.Measured(["predict", "fuzz", "--weights", files.PathOf(name), "--image", files.PathOf("input.png"), "--device", "cpu"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.StartsWith($"fluentnets: {files.PathOf(name)}: ", run.Error, StringComparison.Ordinal);
        Assert.True(allocated < 256 << 20, $"{allocated} bytes allocated");
        Assert.False(File.Exists(files.PathOf("ran")), "the pickle ran os.system");
    }

    [Fact]
    public void ControlCharactersOfAFileAreEscapedInTheMessage()
    {
        // The key torch.save wrote is "conv.weight\0\a\u0085": NUL, BEL and NEL, echoed in the list of unexpected keys.
        var run = CliRun.With(FileFuzzingTests.Network, "predict", "fuzz", "--weights", files.PathOf("case-control-key.pth"), "--image", files.PathOf("input.png"), "--device", "cpu");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.Contains("conv.weight\\x00\\x07", line, StringComparison.Ordinal);
        Assert.DoesNotContain(line, char.IsControl);
    }

    [Fact]
    public void SummarySaysWhichTensorsHoldNaNAndPredictUsesThemOnlyWhenAsked()
    {
        var summary = CliRun.With(FileFuzzingTests.Network, "summary", "fuzz", "--weights", files.PathOf("case-nan.h5"));
        var predict = CliRun.With(FileFuzzingTests.Network, "predict", "fuzz", "--weights", files.PathOf("case-nan.h5"), "--image", files.PathOf("input.png"), "--format", "json", "--allow-non-finite", "--device", "cpu");

        Assert.Equal(ExitCodes.Success, summary.ExitCode);
        Assert.Equal(
            $"Weights: {files.PathOf("case-nan.h5")} fits (8 tensors), but holds NaN or Inf in 1 of 8 tensors: fc.weight (1 NaN, 1 Inf); predict and evaluate refuse it without --allow-non-finite.",
            summary.OutLines[^1]);
        Assert.True(predict.ExitCode == ExitCodes.Success, predict.Error);
        using var json = JsonDocument.Parse(predict.Out);
        Assert.All(json.RootElement.GetProperty("predictions")[0].GetProperty("probabilities").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.ValueKind));
    }

    [Theory]
    [InlineData("case-huge.png", "65535x65535 = 4294836225")]
    [InlineData("case-huge.gif", "65535x65535 = 4294836225")]
    [InlineData("case-huge.bmp", "60000x60000 = 3600000000")]
    public void AnImageWhoseHeaderClaimsBillionsOfPixelsIsRefusedBeforeItsPixelsAreAllocated(string name, string pixels)
    {
        var (run, allocated) = FileFuzzingTests.Measured(["predict", "fuzz", "--weights", files.PathOf("fuzz.h5"), "--image", files.PathOf(name), "--device", "cpu"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(
            $"fluentnets: {files.PathOf(name)}: expected an image of at most 89478485 pixels (--max-image-pixels raises the limit), found {pixels} pixels in its header.",
            Assert.Single(run.ErrorLines));
        Assert.True(allocated < 64 << 20, $"{allocated} bytes allocated");
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("train")]
    public void DamagedImagesOfAFolderAreSkippedAndCountedWhereverTheDamageIsFound(string command)
    {
        // PIL refuses all three: a JPEG cut in half, a PNG whose IDAT CRC is wrong, a BMP missing its last bytes.
        string[] damaged = ["case-cut.jpg", "case-bad-crc.png", "case-short.bmp"];
        Assert.All(damaged, name => Assert.False(files.Verdict(name).GetProperty("loads").GetBoolean(), name));
        using var temp = new TempDirectory();
        foreach (var (label, names) in new[] { ("a", new[] { "image.png", "image.jpg", "case-cut.jpg" }), ("b", new[] { "image.bmp", "image.gif", "image.webp", "case-bad-crc.png", "case-short.bmp" }) })
        {
            Directory.CreateDirectory(Path.Combine(temp.Path, label));
            foreach (string name in names)
            {
                File.Copy(files.PathOf(name), Path.Combine(temp.Path, label, name));
            }
        }

        // Both read every file: the training split's for the standardisation, then each split's batches.
        string[] args = command == "train"
            ? ["train", "fuzz", "--data", "folder:" + temp.Path, "--epochs", "1", "--batch", "2", "--device", "cpu", "--classes", "3"]
            : ["evaluate", "fuzz", "--weights", files.PathOf("fuzz.h5"), "--data", "folder:" + temp.Path, "--batch", "2", "--device", "cpu", "--classes", "3"];
        var run = CliRun.With(FileFuzzingTests.Network, args);

        // A file SkiaSharp refuses by its header is skipped when the folder is read, one whose pixels fail when they
        // are decoded; the two lines count all three.
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var skipped = run.ErrorLines.Where(l => l.StartsWith("skipped ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, skipped.Sum(l => int.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(skipped, l => l.StartsWith("skipped 2 files whose pixels are damaged (their headers were fine), left out of every batch: ", StringComparison.Ordinal));
        Assert.All(damaged, name => Assert.Contains(skipped, l => l.Contains(name, StringComparison.Ordinal)));
    }

    /// <summary>The files, written once for the class, and what h5py, PyTorch and PIL make of each.</summary>
    public sealed class Files : IDisposable
    {
        private readonly TempDirectory temp = new();
        private readonly Dictionary<string, JsonElement> verdicts;

        public Files()
        {
            string? missing = Python.WhyNot("numpy", "h5py", "torch", "PIL");
            Missing = missing;
            if (missing is not null)
            {
                verdicts = [];
                return;
            }

            FileFuzzingTests.Oracle(temp.Path, "make", temp.Path);
            FileFuzzingTests.Oracle(temp.Path, "hostile", temp.Path);
            verdicts = FileFuzzingTests.Oracle(temp.Path, "judge", "auto", temp.Path, FluentNets.Data.ImageDecoder.DefaultMaxPixels.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.Clone())
                .ToDictionary(v => v.GetProperty("file").GetString()!, StringComparer.Ordinal);
        }

        /// <summary>Why the files could not be written, or null.</summary>
        public string? Missing { get; }

        public string PathOf(string name)
        {
            Assert.SkipWhen(Missing is not null, Missing ?? "");
            return Path.Combine(temp.Path, name);
        }

        public JsonElement Verdict(string name)
        {
            Assert.SkipWhen(Missing is not null, Missing ?? "");
            return verdicts[name];
        }

        public void Dispose() => temp.Dispose();
    }
}
