using FluentNets.Cli;
using FluentNets.Export.Tests;
using FluentNets.Weights;

namespace FluentNets.Tests.Cli;

/// <summary><c>--weights FILE.pth</c> in summary, verify and evaluate, with a state dict torchvision 0.14 wrote.</summary>
public sealed class PyTorchWeightsCommandTests(ResNet18StateDict stateDict) : IClassFixture<ResNet18StateDict>
{
    [Fact]
    public void SummaryChecksThatATorchVisionStateDictFits()
    {
        string file = ResNet18StateDict();

        var run = CliRun.Of("summary", "tv-resnet18", "--input", "64x64x3", "--classes", "10", "--weights", file);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal($"Weights: {file} fits (102 tensors).", run.OutLines[^1]);
    }

    [Fact]
    public void ATorchVisionKeyedSafetensorsFileLoadsToo()
    {
        string file = Path.ChangeExtension(ResNet18StateDict(), ".safetensors");

        var summary = CliRun.Of("summary", "tv-resnet18", "--input", "64x64x3", "--classes", "10", "--weights", file);
        var verify = CliRun.Of("verify", "tv-resnet18", "--input", "64x64x3", "--classes", "10", "--weights", file);

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (summary.ExitCode, verify.ExitCode));
        Assert.Equal($"Weights: {file} fits (102 tensors).", summary.OutLines[^1]);
    }

    [Fact]
    public void AStateDictOfAnotherModelIsOneLineNamingTheDifferencesAndExitCodeTwo()
    {
        string file = ResNet18StateDict();

        var run = CliRun.Of("summary", "tv-resnet34", "--weights", file);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"fluentnets: {file}: the state dict does not fit tv-resnet34, nothing was loaded; 82 differences: ", line);
        Assert.Contains("fc.weight is [10, 512] in the file but [1000, 512] in the network", line);
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("verify")]
    public void ATorchVisionKeyedSafetensorsFileOfAnotherModelNamesTheKeysThatDiffer(string command)
    {
        string file = Path.ChangeExtension(ResNet18StateDict(), ".safetensors");

        var run = CliRun.Of(command, "tv-resnet34", "--weights", file);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"fluentnets: {file}: the state dict does not fit tv-resnet34, nothing was loaded; 82 differences: ", line);
        Assert.Contains("fc.weight is [10, 512] in the file but [1000, 512] in the network", line);
        Assert.Contains("layer1.2.conv1.weight missing from the file (network [64, 64, 3, 3])", line);
    }

    [Fact]
    public void AModelWithoutItsTopTakesTheFullStateDict()
    {
        string file = ResNet18StateDict();

        var run = CliRun.Of("summary", "tv-resnet18", "--input", "64x64x3", "--include-top", "false", "--weights", file);

        // fc.weight and fc.bias are skipped, as load_state_dict(strict=False) skips them.
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal($"Weights: {file} fits (100 tensors).", run.OutLines[^1]);
    }

    [Fact]
    public void VerifyRunsWithTheStateDictLoaded()
    {
        string file = ResNet18StateDict();

        var run = CliRun.Of("verify", "tv-resnet18", "--input", "64x64x3", "--classes", "10", "--weights", file);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    [Theory]
    [InlineData("evaluate", "lenet5", "--data", "synthetic")]
    [InlineData("summary", "lenet5")]
    [InlineData("verify", "lenet5")]
    public void ADamagedPickleIsOneLineAndExitCodeTwo(params string[] command)
    {
        string file = Path.Combine(stateDict.Folder, "damaged.pth");
        File.WriteAllBytes(file, [0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);

        var run = CliRun.Of([.. command, "--weights", file]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"fluentnets: {file}: expected a state dict written by torch.save, but it cannot be read: ", line);
    }

    private string ResNet18StateDict() => stateDict.PthFile();
}

/// <summary>
/// torchvision 0.14's ResNet-18 (10 classes) written once for the class by Debian's PyTorch 1.13: as
/// torch.save writes it (resnet18.pth) and as safetensors.torch.save_file lays it out (resnet18.safetensors).
/// </summary>
public sealed class ResNet18StateDict : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fluentnets-pth-").FullName;
    private readonly Lazy<(string? File, string? Skip, string? Error)> written;

    public ResNet18StateDict() => written = new(Write);

    /// <summary>The temporary folder, for damaged copies.</summary>
    public string Folder => folder;

    /// <summary>The .pth file; skips the test where PyTorch is missing.</summary>
    public string PthFile()
    {
        var (file, skip, error) = written.Value;
        Assert.SkipWhen(skip is not null, skip ?? "");
        Assert.True(error is null, error);
        return file!;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private (string? File, string? Skip, string? Error) Write()
    {
        if (Python.WhyNot("torch", "torchvision") is { } missing)
        {
            return (null, missing, null);
        }

        string file = System.IO.Path.Combine(folder, "resnet18.pth");
        // The state dict as torch.save writes it, and as safetensors.torch.save_file lays it out (int64 num_batches_tracked).
        const string Script = """
            import json, struct, sys, torch, torchvision
            state = torchvision.models.resnet18(weights=None, num_classes=10).state_dict()
            torch.save(state, sys.argv[1])
            header, blobs, offset = {}, [], 0
            for key, tensor in state.items():
                data = tensor.contiguous().numpy().tobytes()
                dtype = {torch.float32: "F32", torch.int64: "I64"}[tensor.dtype]
                header[key] = {"dtype": dtype, "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
                blobs.append(data)
                offset += len(data)
            text = json.dumps(header).encode()
            text += b" " * ((8 - len(text) % 8) % 8)
            with open(sys.argv[2], "wb") as f:
                f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
            """;
        var (code, _, error) = Python.Run(["-c", Script, file, System.IO.Path.ChangeExtension(file, ".safetensors")], folder, TimeSpan.FromMinutes(5));
        return code == 0 ? (file, null, null) : (null, null, error);
    }
}
