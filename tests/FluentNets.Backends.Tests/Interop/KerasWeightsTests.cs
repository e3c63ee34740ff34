using FluentNets.Graph;
using FluentNets.Weights;
using FluentNets.Zoo;

namespace FluentNets.Backends.Tests.Interop;

/// <summary>
/// Keras HDF5 files written by h5py in Keras's own layouts load into the matching network, whose
/// outputs then agree with PyTorch's evaluation of Keras's layer definitions on the same arrays.
/// </summary>
public class KerasWeightsTests
{
    private const double Tolerance = 1e-4;

    /// <summary>Conv + BatchNorm, depthwise (multiplier 2) + BatchNorm without gamma, separable, Flatten, Dense: as keras_files.py's small().</summary>
    private static Network Small(int units = 6, string dense = "fc") =>
        Net.Input(6, 6, 3)
            .Conv(4, 3, pad: Padding.Same, name: "conv").BatchNorm(name: "bn").Relu(name: "relu")
            .DepthwiseConv(3, depthMultiplier: 2, pad: Padding.Same, name: "dw").BatchNorm(scale: false, name: "bn_noscale")
            .SeparableConv(5, 3, pad: Padding.Same, name: "sep")
            .Flatten(name: "flatten")
            .Dense(units, name: dense)
            .ToNetwork("small");

    [Theory]
    [InlineData("small.h5")]
    [InlineData("small.model.h5")]
    [InlineData("small.nested.h5")]
    [InlineData("small.keras2.h5")]
    [InlineData("small.weights.h5")]
    public void TheSmallNetworkGivesPyTorchsOutputsFromEveryLayout(string file)
    {
        var network = Small();
        var state = KerasWeights.Load(KerasFiles.Fixture(file), network);
        using var compiled = Cpu.Compile(network);
        compiled.SetState(state);

        var (input, expected) = KerasFiles.Expected(KerasFiles.Fixture("small.json"));
        Assert.InRange(KerasFiles.RelativeError(expected, compiled.Infer(input)), 0, Tolerance);
    }

    [Fact]
    public void AKeras3FileOfAResidualBlockLoadsInKerasLayerOrder()
    {
        var network = Net.Input(9, 9, 3)
            .Conv(8, 3, pad: Padding.Same).BatchNorm(epsilon: ResNet.KerasEpsilon).Relu()
            .Then(x => ResNet.Bottleneck(x, 4, stride: 2, convShortcut: true, "b1"))
            .GlobalAvgPool()
            .Dense(3)
            .ToNetwork("residual");
        var state = KerasWeights.Load(KerasFiles.Fixture("residual.weights.h5"), network);
        using var compiled = Cpu.Compile(network);
        compiled.SetState(state);

        var (input, expected) = KerasFiles.Expected(KerasFiles.Fixture("residual.json"));
        Assert.InRange(KerasFiles.RelativeError(expected, compiled.Infer(input)), 0, Tolerance);
    }

    [Fact]
    public void KerasLayerOrderPutsTheLongerBranchOfAResidualBlockFirst()
    {
        var network = ResNet.ResNet50(Shape.Image(64, 64, 3));
        var names = KerasLayerOrder.Of(network).Select(n => n.Name).SkipWhile(n => n != "conv2_block1_2_relu").Take(6);

        // keras.applications.ResNet50().summary() lists the first block in this order.
        Assert.Equal(["conv2_block1_2_relu", "conv2_block1_0_conv", "conv2_block1_3_conv", "conv2_block1_0_bn", "conv2_block1_3_bn", "conv2_block1_add"], names);
    }

    [Fact]
    public void InceptionV3sFirst249KerasLayersEndAtMixed8()
    {
        // Keras's fine-tuning guide trains "the top 2 inception blocks" by freezing model.layers[:249].
        var layers = KerasLayerOrder.Of(InceptionV3.Build(Shape.Image(299, 299, 3), includeTop: false));

        Assert.Equal(311, layers.Count);
        Assert.Equal("mixed8", layers[248].Name);
    }

    [Fact]
    public void KerasApplicationsResNet50WithoutTopGivesPyTorchsFeaturesAt64x64()
    {
        Assert.SkipWhen(KerasFiles.WhyNotWritable is not null, KerasFiles.WhyNotWritable ?? "");
        string folder = KerasFiles.Write("resnet50");
        try
        {
            var network = ModelZoo.Get("resnet50").Build(Shape.Image(64, 64, 3), includeTop: false, pooling: Pooling.Avg);
            using var compiled = Cpu.Compile(network);
            compiled.LoadWeights(Path.Combine(folder, "resnet50.h5"));

            var (input, expected) = KerasFiles.Expected(Path.Combine(folder, "resnet50.json"));
            Assert.InRange(KerasFiles.RelativeError(expected, compiled.Infer(input)), 0, Tolerance);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AFileOfAnotherNetworkNamesEveryLayerThatDiffersInOneMessage()
    {
        var network = Net.Input(6, 6, 3)
            .Conv(4, 3, pad: Padding.Same, name: "conv").BatchNorm(name: "bn").Relu(name: "relu")
            .DepthwiseConv(3, depthMultiplier: 2, pad: Padding.Same, name: "dw").BatchNorm(name: "bn_noscale")
            .Flatten(name: "flatten")
            .Dense(7, name: "head")
            .ToNetwork("other");
        string path = KerasFiles.Fixture("small.h5");

        var e = Assert.Throws<WeightsException>(() => KerasWeights.Load(path, network));

        Assert.Equal(
            $"{path}: the file's layers, matched by name, are not those of other; nothing was loaded. " +
            "1 missing from the file: head (kernel [288, 7], bias [7]). " +
            "2 not in the network: fc, sep. " +
            "1 of another shape: bn_noscale: file has beta [8], moving_mean [8], moving_variance [8], network has gamma [8], beta [8], moving_mean [8], moving_variance [8].",
            e.Message);
    }

    [Fact]
    public void AKeras3FileOfAnotherShapeNamesTheLayerAndBothShapes()
    {
        string path = KerasFiles.Fixture("small.weights.h5");

        var e = Assert.Throws<WeightsException>(() => KerasWeights.Load(path, Small(units: 5, dense: "predictions")));

        Assert.EndsWith("1 of another shape: layers/dense: kernel is [180, 6] in the file, [180, 5] in the network, bias is [6] in the file, [5] in the network.", e.Message);
        Assert.Contains("matched by class and order as Keras 3 does", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(4000)]
    public void ADamagedFileIsOneLine(int keep)
    {
        string path = Path.Combine(Path.GetTempPath(), $"fluentnets-damaged-{keep}-{Environment.ProcessId}.h5");
        File.WriteAllBytes(path, File.ReadAllBytes(KerasFiles.Fixture("small.h5")).Take(keep).ToArray());
        try
        {
            var e = Assert.Throws<WeightsException>(() => KerasWeights.Load(path, Small()));
            Assert.StartsWith($"{path}: expected a Keras HDF5 weights file", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ADamagedSizeIsOneLineNotAnOutOfMemoryCrash()
    {
        // One byte of an object header changed: PureHDF then asks for an array beyond .NET's limits.
        string path = Path.Combine(Path.GetTempPath(), $"fluentnets-damaged-size-{Environment.ProcessId}.h5");
        byte[] bytes = File.ReadAllBytes(KerasFiles.Fixture("small.h5"));
        bytes[2079] = 246;
        File.WriteAllBytes(path, bytes);
        try
        {
            var e = Assert.Throws<WeightsException>(() => KerasWeights.Load(path, Small()));
            Assert.Equal($"{path}: expected a Keras HDF5 weights file, found one that cannot be read as HDF5 (Array dimensions exceeded supported range.).", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AutomaticNamesOfAnotherClassOrderAreReportedByName()
    {
        // Keras 2.0's automatic names, in order, for a network whose dense layer comes before a convolution.
        var network = Net.Input(6, 6, 3)
            .Conv(4, 3, pad: Padding.Same, name: "conv").BatchNorm(name: "bn").Relu(name: "relu")
            .Conv(8, 3, pad: Padding.Same, name: "dw").BatchNorm(scale: false, name: "bn_noscale")
            .SeparableConv(5, 3, pad: Padding.Same, name: "sep")
            .Flatten(name: "flatten")
            .Dense(6, name: "fc")
            .ToNetwork("other");

        var e = Assert.Throws<WeightsException>(() => KerasWeights.Load(KerasFiles.Fixture("small.keras2.h5"), network));

        Assert.Contains("not in the network: batch_normalization_1", e.Message);
        Assert.Contains("conv2d_1", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AnUnknownExtensionIsNamed()
    {
        var e = Assert.Throws<WeightsException>(() => WeightFiles.Read("weights.bin", Small()));

        Assert.Equal("weights.bin: expected a weights file ending in .safetensors, .h5, .pth or .pt. Received: extension=\".bin\".", e.Message);
    }
}
