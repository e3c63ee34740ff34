using FluentNets.Backends.Reference;
using FluentNets.Backends.TorchSharp;
using FluentNets.Weights;
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
    /// <summary>torchvision's model name and the zoo entry that means the same network, for the models whose files are written.</summary>
    public static TheoryData<string, string> Models => Written(
        ("resnet18", "tv-resnet18"),
        ("resnet34", "tv-resnet34"),
        ("resnet50", "tv-resnet50"),
        ("resnet101", "tv-resnet101"),
        ("resnet152", "tv-resnet152"),
        ("alexnet", "tv-alexnet"),
        ("vgg16", "tv-vgg16"),
        ("googlenet", "tv-googlenet"),
        ("inception_v3", "tv-inception-v3"),
        ("resnext50_32x4d", "tv-resnext50-32x4d"),
        ("resnext101_32x8d", "tv-resnext101-32x8d"),
        ("resnext101_64x4d", "tv-resnext101-64x4d"),
        ("wide_resnet50_2", "tv-wide-resnet50-2"),
        ("wide_resnet101_2", "tv-wide-resnet101-2"),
        ("regnet_x_400mf", "tv-regnet-x-400mf"),
        ("regnet_x_800mf", "tv-regnet-x-800mf"),
        ("regnet_x_1_6gf", "tv-regnet-x-1-6gf"),
        ("regnet_x_3_2gf", "tv-regnet-x-3-2gf"),
        ("regnet_x_8gf", "tv-regnet-x-8gf"),
        ("regnet_x_16gf", "tv-regnet-x-16gf"),
        ("regnet_x_32gf", "tv-regnet-x-32gf"),
        ("regnet_y_400mf", "tv-regnet-y-400mf"),
        ("regnet_y_800mf", "tv-regnet-y-800mf"),
        ("regnet_y_1_6gf", "tv-regnet-y-1-6gf"),
        ("regnet_y_3_2gf", "tv-regnet-y-3-2gf"),
        ("regnet_y_8gf", "tv-regnet-y-8gf"),
        ("regnet_y_16gf", "tv-regnet-y-16gf"),
        ("regnet_y_32gf", "tv-regnet-y-32gf"),
        ("regnet_y_128gf", "tv-regnet-y-128gf"),
        ("shufflenet_v2_x0_5", "tv-shufflenet-v2-x0-5"),
        ("shufflenet_v2_x1_0", "tv-shufflenet-v2-x1-0"),
        ("shufflenet_v2_x1_5", "tv-shufflenet-v2-x1-5"),
        ("shufflenet_v2_x2_0", "tv-shufflenet-v2-x2-0"),
        ("squeezenet1_0", "tv-squeezenet1-0"),
        ("squeezenet1_1", "tv-squeezenet1-1"),
        ("densenet121", "tv-densenet121"),
        ("densenet161", "tv-densenet161"),
        ("densenet169", "tv-densenet169"),
        ("densenet201", "tv-densenet201"),
        ("convnext_tiny", "tv-convnext-tiny"),
        ("convnext_small", "tv-convnext-small"),
        ("convnext_base", "tv-convnext-base"),
        ("convnext_large", "tv-convnext-large"),
        ("vgg11", "tv-vgg11"),
        ("vgg11_bn", "tv-vgg11-bn"),
        ("vgg13", "tv-vgg13"),
        ("vgg13_bn", "tv-vgg13-bn"),
        ("vgg16_bn", "tv-vgg16-bn"),
        ("vgg19", "tv-vgg19"),
        ("vgg19_bn", "tv-vgg19-bn"),
        ("mobilenet_v2", "tv-mobilenet-v2"),
        ("mobilenet_v3_small", "tv-mobilenet-v3-small"),
        ("mobilenet_v3_large", "tv-mobilenet-v3-large"),
        ("efficientnet_b0", "tv-efficientnet-b0"),
        ("efficientnet_b1", "tv-efficientnet-b1"),
        ("efficientnet_b2", "tv-efficientnet-b2"),
        ("efficientnet_b3", "tv-efficientnet-b3"),
        ("efficientnet_b4", "tv-efficientnet-b4"),
        ("efficientnet_b5", "tv-efficientnet-b5"),
        ("efficientnet_b6", "tv-efficientnet-b6"),
        ("efficientnet_b7", "tv-efficientnet-b7"),
        ("efficientnet_v2_s", "tv-efficientnet-v2-s"),
        ("efficientnet_v2_m", "tv-efficientnet-v2-m"),
        ("efficientnet_v2_l", "tv-efficientnet-v2-l"),
        ("mnasnet0_5", "tv-mnasnet0-5"),
        ("mnasnet0_75", "tv-mnasnet0-75"),
        ("mnasnet1_0", "tv-mnasnet1-0"),
        ("mnasnet1_3", "tv-mnasnet1-3"));

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

    /// <summary>The models with BatchNorm, where the inference compilation folds: ResNets, GoogLeNet with its auxiliary heads, Inception-v3.</summary>
    public static TheoryData<string, string> NormalisedModels => new(
        ("resnet18", "tv-resnet18"),
        ("resnet50", "tv-resnet50"),
        ("googlenet", "tv-googlenet"),
        ("inception_v3", "tv-inception-v3"));

    [Theory]
    [MemberData(nameof(NormalisedModels))]
    public void CompiledForInferenceTheStateDictGivesTorchVisionsOutputs(string torchName, string zooName)
    {
        var io = PyTorchWeights.Read(files.PathOf($"{torchName}.io.pt"));
        var (_, size, classes) = TorchVisionFiles.Models.Single(m => m.Model == torchName);
        var network = ModelZoo.Get(zooName).Build(Shape.Image(size, size, 3), classes);
        using var compiled = Cpu.Backend.CompileForInference(network);

        // The whole state dict, auxiliary heads included, loads; those heads are dropped.
        compiled.LoadPyTorch(files.PathOf($"{torchName}.pth"));

        Assert.Equal(network.InferenceNodes.Count(n => n.Layer is Layers.BatchNormalization), compiled.FoldedLayers.Count);
        AssertClose(io["output"], compiled.Infer(io["input"]), 1e-4);
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

    [Theory]
    [InlineData("googlenet", "tv-googlenet", "aux1., aux2.", 18)]
    [InlineData("inception_v3", "tv-inception-v3", "AuxLogits.", 12)]
    public void AStateDictWithoutTheAuxiliaryHeadsLoadsAndNamesTheHeadsThatKeepTheirValues(string torchName, string zooName, string prefixes, int auxiliaryTensors)
    {
        // torchvision's googlenet(weights=...) and inception_v3(weights=..., aux_logits=False) delete their auxiliary
        // heads after loading, so their state dicts are the full one without those keys.
        string path = Path.Combine(files.Directory, $"{torchName}-no-aux.pth");
        const string Script = "import sys, torch; s = torch.load(sys.argv[1]); "
            + "torch.save({k: v for k, v in s.items() if not k.startswith(tuple(sys.argv[3].split(', ')))}, sys.argv[2])";
        var (code, _, error) = FluentNets.Export.Tests.Python.Run(["-c", Script, files.PathOf($"{torchName}.pth"), path, prefixes], files.Directory, TimeSpan.FromMinutes(2));
        Assert.True(code == 0, error);
        var io = PyTorchWeights.Read(files.PathOf($"{torchName}.io.pt"));
        var (_, size, classes) = TorchVisionFiles.Models.Single(m => m.Model == torchName);
        using var compiled = Cpu.Compile(ModelZoo.Get(zooName).Build(Shape.Image(size, size, 3), classes));
        var initial = compiled.GetState();

        var loaded = compiled.LoadWeights(path);

        // The heads' weights, biases and BatchNorm statistics: the keys torchvision's own state dict lacks.
        Assert.Equal(auxiliaryTensors, loaded.Kept.Count);
        Assert.All(loaded.Kept, name => Assert.Contains(prefixes.Split(", "), prefix => PyTorchWeights.KeyOf(name).StartsWith(prefix, StringComparison.Ordinal)));
        Assert.StartsWith($"{path}: {auxiliaryTensors} of {loaded.Loaded + auxiliaryTensors} tensors kept their values", loaded.Note);
        Assert.All(loaded.Kept, name => Assert.Equal(initial[name].Data, compiled.GetState()[name].Data));
        AssertClose(io["output"], compiled.Infer(io["input"]), 1e-4);
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

    /// <summary>The pairs whose torchvision model <see cref="TorchVisionFiles.Models"/> writes: one per family in CI, all with FLUENTNETS_FULL_ZOO=1.</summary>
    private static TheoryData<string, string> Written(params (string Torch, string Zoo)[] pairs) =>
        new(pairs.Where(p => TorchVisionFiles.Models.Any(m => m.Model == p.Torch)));

    private static void AssertClose(HostTensor expected, HostTensor actual, double relative)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        double scale = expected.Data.Max(v => Math.Abs((double)v));
        double worst = expected.Data.Zip(actual.Data, (e, a) => Math.Abs((double)e - a)).Max();
        Assert.True(worst <= relative * scale, $"largest difference {worst:G4} exceeds {relative} x {scale:G4} (the outputs' largest magnitude)");
    }
}
