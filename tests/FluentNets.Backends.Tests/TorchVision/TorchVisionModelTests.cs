using FluentNets.Backends.Reference;
using FluentNets.Backends.TorchSharp;
using FluentNets.Zoo;

[assembly: AssemblyFixture(typeof(FluentNets.Backends.Tests.TorchVision.TorchVisionFiles))]

namespace FluentNets.Backends.Tests.TorchVision;

/// <summary>
/// Every tv-* zoo model against torchvision 0.14 itself: the state dict torchvision wrote loads with no
/// renaming, the parameter count is torchvision's, and the outputs for the same input agree within
/// 1e-4 of the outputs' largest magnitude.
/// </summary>
public class TorchVisionModelTests(TorchVisionFiles files)
{
    /// <summary>torchvision's model name and the zoo entry that means the same network.</summary>
    public static TheoryData<string, string> Models => new(
    [
        ("resnet18", "tv-resnet18"),
        ("resnet34", "tv-resnet34"),
        ("resnet50", "tv-resnet50"),
        ("resnet101", "tv-resnet101"),
        ("resnet152", "tv-resnet152"),
        ("alexnet", "tv-alexnet"),
        ("vgg16", "tv-vgg16"),
        ("googlenet", "tv-googlenet"),
        ("inception_v3", "tv-inception-v3"),
        ("mobilenet_v2", "tv-mobilenet-v2"),
        ("mobilenet_v3_small", "tv-mobilenet-v3-small"),
        ("efficientnet_b0", "tv-efficientnet-b0"),
        ("efficientnet_v2_s", "tv-efficientnet-v2-s"),
        ("mnasnet0_5", "tv-mnasnet0-5"),

        // The zoo names torchvision's builders with '_' written '-'.
        .. TorchVisionFiles.FullZoo ? TorchVisionFiles.FullOnly.Select(m => (m.Model, "tv-" + m.Model.Replace('_', '-'))) : [],
    ]);

    [Theory]
    [MemberData(nameof(Models))]
    public void TorchVisionStateDictGivesTorchVisionsOutputs(string torchName, string zooName)
    {
        var io = PyTorchWeights.Read(files.PathOf($"{torchName}.io.pt"));
        var (_, size, classes) = TorchVisionFiles.Models.Single(m => m.Model == torchName);
        var network = ModelZoo.Get(zooName).Build(Shape.Image(size, size, 3), classes);
        using var compiled = Cpu.Compile(network);

        compiled.LoadPyTorch(files.PathOf($"{torchName}.pth"));
        var output = compiled.Infer(io["input"]);

        long torchParams = (long)io["params"].Data[0] * 1000 + (long)io["params"].Data[1];
        Assert.Equal(torchParams, network.Analysis.Params.Trainable);
        AssertClose(io["output"], output, 1e-4);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void WithoutTheTopTheFullStateDictGivesTorchVisionsLastFeatureMap(string torchName, string zooName)
    {
        var io = PyTorchWeights.Read(files.PathOf($"{torchName}.io.pt"));
        var (_, size, _) = TorchVisionFiles.Models.Single(m => m.Model == torchName);
        var network = ModelZoo.Get(zooName).Build(Shape.Image(size, size, 3), includeTop: false);
        using var compiled = Cpu.Compile(network);

        // The file's fc, classifier and auxiliary heads are skipped, as load_state_dict(strict=False) skips them.
        compiled.LoadPyTorch(files.PathOf($"{torchName}.pth"));

        long torchParams = (long)io["features_params"].Data[0] * 1000 + (long)io["features_params"].Data[1];
        Assert.Equal(torchParams, network.Analysis.Params.Trainable);
        AssertClose(io["features"], compiled.Infer(io["input"]), 1e-4);
    }

    [Fact]
    public void WithoutTheTopAKeyOfAModuleTheNetworkHasIsStillUnexpected()
    {
        string path = files.PathOf("resnet34.pth");
        using var compiled = Cpu.Compile(ModelZoo.Get("tv-resnet18").Build(Shape.Image(64, 64, 3), includeTop: false));

        var error = Assert.Throws<WeightsException>(() => compiled.LoadPyTorch(path));

        Assert.Contains("layer3.5.conv2.weight ([256, 256, 3, 3]) in the file but not in the network", error.Message);
        Assert.DoesNotContain("fc.weight", error.Message);
    }

    [Fact]
    public void TorchVisionKeyedSafetensorsLoadAsThePthDoes()
    {
        var io = PyTorchWeights.Read(files.PathOf("resnet18.io.pt"));
        using var compiled = Cpu.Compile(ModelZoo.Get("tv-resnet18").Build(Shape.Image(64, 64, 3), 10));

        compiled.LoadPyTorch(files.PathOf("resnet18.safetensors"));

        AssertClose(io["output"], compiled.Infer(io["input"]), 1e-4);
    }

    [Theory]
    [InlineData("torchsharp")]
    [InlineData("reference")]
    public void OutputsReadNamedLayersAsTorchVisionsModulesGiveThem(string backend)
    {
        var io = PyTorchWeights.Read(files.PathOf("resnet18.io.pt"));
        var network = ModelZoo.Get("tv-resnet18").Build(Shape.Image(64, 64, 3), 10);
        using var compiled = backend == "reference" ? new ReferenceBackend().Compile(network, 1) : Cpu.Compile(network);
        compiled.LoadPyTorch(files.PathOf("resnet18.pth"));

        // layer3 of torchvision is block layer3.1's last ReLU; its avgpool keeps 1x1 spatial axes where the DSL's gives a vector.
        var outputs = compiled.Outputs(io["input"], "layer3.1/relu2", "avgpool", "fc");

        Assert.Equal(["layer3.1/relu2", "avgpool", "fc"], outputs.Keys);
        AssertClose(io["layer3"], outputs["layer3.1/relu2"], 1e-4);
        AssertClose(new HostTensor([2, 512], io["avgpool"].Data), outputs["avgpool"], 1e-4);
        AssertClose(io["output"], outputs["fc"], 1e-4);
    }

    [Fact]
    public void StateDictKeysAreTheParameterNamesWithSlashesReadAsDots()
    {
        var keys = PyTorchWeights.Read(files.PathOf("googlenet.pth")).Keys.Where(k => !k.EndsWith(".num_batches_tracked", StringComparison.Ordinal));
        var network = ModelZoo.Get("tv-googlenet").Build(Shape.Image(64, 64, 3), 10);

        var names = ParameterLayout.Of(network).Select(p => PyTorchWeights.KeyOf(p.Name));

        Assert.Equal(keys.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.Contains("inception3a/branch3.1.conv.weight", ParameterLayout.Of(network).Select(p => p.Name));
        Assert.Contains("aux1/fc2.weight", ParameterLayout.Of(network).Select(p => p.Name));
    }

    [Fact]
    public void AnotherModelsStateDictNamesEveryDifferenceWithBothShapesAndLoadsNothing()
    {
        string path = files.PathOf("resnet18.pth");
        using var compiled = Cpu.Compile(ModelZoo.Get("tv-resnet34").Build(Shape.Image(64, 64, 3), 12));
        var before = compiled.GetState();

        var error = Assert.Throws<WeightsException>(() => compiled.LoadPyTorch(path));

        Assert.StartsWith($"{path}: the state dict does not fit tv-resnet34, nothing was loaded; ", error.Message);
        Assert.Contains("fc.weight is [10, 512] in the file but [12, 512] in the network", error.Message);
        Assert.Contains("fc.bias is [10] in the file but [12] in the network", error.Message);
        Assert.Contains("layer1.2.conv1.weight missing from the file (network [64, 64, 3, 3])", error.Message);
        Assert.Contains("layer4.2.bn2.running_var missing from the file (network [512])", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        // resnet34 has 3 + 4 + 6 + 3 blocks where resnet18 has 2 of each: 8 blocks of 10 tensors are missing.
        Assert.Contains("82 differences", error.Message);
        var after = compiled.GetState();
        Assert.All(before, p => Assert.Equal(p.Value.Data, after[p.Key].Data));
    }

    [Fact]
    public void UnexpectedKeysAreNamedToo()
    {
        string path = files.PathOf("resnet34.pth");
        using var compiled = Cpu.Compile(ModelZoo.Get("tv-resnet18").Build(Shape.Image(64, 64, 3), 10));

        var error = Assert.Throws<WeightsException>(() => compiled.LoadPyTorch(path));

        Assert.Contains("layer3.5.conv2.weight ([256, 256, 3, 3]) in the file but not in the network", error.Message);
        Assert.Contains("layer3.5.bn2.num_batches_tracked ([]) in the file but not in the network", error.Message);
        Assert.DoesNotContain("layer3.1.bn2.num_batches_tracked", error.Message);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(5000)]
    public void ADamagedPickleIsOneLineNamingTheFile(int keep)
    {
        string source = files.PathOf("resnet18.pth");
        string damaged = Path.Combine(files.Directory, $"damaged-{keep}.pth");
        File.WriteAllBytes(damaged, File.ReadAllBytes(source).Take(keep).ToArray());
        using var compiled = Cpu.Compile(ModelZoo.Get("tv-resnet18").Build(Shape.Image(64, 64, 3), 10));

        var error = Assert.Throws<WeightsException>(() => compiled.LoadPyTorch(damaged));

        Assert.StartsWith($"{damaged}: expected a state dict written by torch.save, but it cannot be read: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static void AssertClose(HostTensor expected, HostTensor actual, double relative)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        double scale = expected.Data.Max(v => Math.Abs((double)v));
        double worst = expected.Data.Zip(actual.Data, (e, a) => Math.Abs((double)e - a)).Max();
        Assert.True(worst <= relative * scale, $"largest difference {worst:G4} exceeds {relative} x {scale:G4} (the outputs' largest magnitude)");
    }
}
