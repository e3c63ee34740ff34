using FluentNets.Backends;
using FluentNets.Export.Onnx;
using FluentNets.Export.PyTorch;
using FluentNets.Graph;
using FluentNets.Layers;
using FluentNets.Weights;
using Microsoft.ML.OnnxRuntime;

namespace FluentNets.Export.Tests;

/// <summary>
/// PyTorch's layer options (ceil-mode pooling, counted padding, adaptive pooling, (C, H, W) flatten) and
/// Keras's Dense on an image, exported to ONNX and model.py and run by ONNX Runtime and Debian's PyTorch.
/// </summary>
public class LayerOptionsExportTests
{
    private const string Check = """
        import sys, importlib.util
        import torch

        torch.set_num_threads(1)
        for folder in sys.argv[1:]:
            spec = importlib.util.spec_from_file_location("exported", folder + "/model.py")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            net = module.Model()
            net.load_state_dict(module.load_safetensors(folder + "/weights.safetensors"), strict=True)
            net.eval()
            with torch.no_grad():
                outputs = {k: net(v) for k, v in module.load_safetensors(folder + "/input.safetensors").items()}
            module.save_safetensors(folder + "/output.safetensors", outputs)
        """;

    public static TheoryData<string> Networks => new(["overhang", "divisible", "right-pad"]);

    /// <summary>
    /// overhang: a ceil-mode max pool whose last window overhangs the input, a ceil-mode average pool counting
    /// its padding (the last window: one real row, one padded, one overhang not counted), Dense on the image,
    /// an adaptive pool from 3 to 2 (overlapping bins), a (C, H, W) flatten. divisible: a ceil-mode average
    /// pool not counting its padding, an adaptive pool whose output divides the input, Dense on the image.
    /// right-pad: ceil-mode pools whose last window would start in the right padding, which PyTorch drops
    /// (5 rows, pool 2, stride 2, pad 1: 3 windows, not ceil(5 / 2) + 1 = 4).
    /// </summary>
    private static Network Build(string name) => name switch
    {
        "overhang" => Net.Input(10, 10, 3)
            .Conv(6, 3, name: "conv")
            .MaxPool(3, s: 2, ceilMode: true, name: "max_ceil")
            .AvgPool(3, s: 2, pad: Padding.Explicit(1), ceilMode: true, countPadding: true, name: "avg_counted")
            .Dense(5, activation: Activation.Relu, name: "pixel_dense")
            .AdaptiveAvgPool((2, 2), name: "adaptive")
            .Flatten(name: "flatten", order: FlattenOrder.ChannelsHeightWidth)
            .Dense(4, name: "logits")
            .ToNetwork(name),
        "right-pad" => Net.Input(5, 5, 2)
            .MaxPool(2, s: 2, pad: Padding.Explicit(1), ceilMode: true, name: "max_ceil")
            .AvgPool(2, s: 2, pad: Padding.Explicit(1), ceilMode: true, countPadding: true, name: "avg_counted")
            .Flatten(name: "flatten", order: FlattenOrder.ChannelsHeightWidth)
            .ToNetwork(name),
        _ => Net.Input(12, 12, 2)
            .Conv(4, 3, name: "conv")
            .AvgPool(3, s: 2, pad: Padding.Explicit(1), ceilMode: true, name: "avg_ceil")
            .AdaptiveAvgPool((3, 2), name: "adaptive")
            .Dense(3, bias: false, name: "pixel_dense")
            .Flatten(name: "flatten", order: FlattenOrder.ChannelsHeightWidth)
            .ToNetwork(name),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void OnnxRuntimeGivesTheBackendsOutputs(string name)
    {
        var network = Build(name);
        using var compiled = Zoo.Compile(network);
        var model = network.ToOnnx(compiled.GetState());
        using var session = new InferenceSession(Google.Protobuf.MessageExtensions.ToByteArray(model));

        var input = Zoo.Input(network, 3);
        var expected = compiled.Forward(input)[network.Output.Name];
        using var feed = OrtValue.CreateTensorValueFromMemory(input.Data, input.Shape.Select(d => (long)d).ToArray());
        using var results = session.Run(new RunOptions(), [network.Input.Name], [feed], [network.Output.Name]);

        Assert.Equal(expected.Shape.Select(d => (long)d), results[0].GetTensorTypeAndShape().Shape);
        double error = Zoo.RelativeError(results[0].GetTensorDataAsSpan<float>().ToArray(), expected.Data);
        Assert.True(error <= 1e-5, $"{name}: relative error {error:E2}");
        Assert.DoesNotContain(model.Graph.Node, n => n.OpType == "Transpose");
        var pool = model.Graph.Node.Single(n => n.Name is "max_ceil" or "avg_ceil");
        Assert.Equal(1, pool.Attribute.Single(a => a.Name == "ceil_mode").I);
    }

    [Fact]
    public void PyTorchGivesTheBackendsOutputs()
    {
        Assert.SkipWhen(Python.WhyNotTorch is not null, Python.WhyNotTorch ?? "");
        using var temp = new TempDirectory();
        var expected = new Dictionary<string, HostTensor>();
        foreach (string name in new[] { "overhang", "divisible", "right-pad" })
        {
            var network = Build(name);
            using var compiled = Zoo.Compile(network);
            string folder = Path.Combine(temp.Path, name);
            network.ExportPyTorch(folder, compiled.GetState());
            var input = Zoo.Input(network, 3);
            WeightFile.Save(Path.Combine(folder, "input.safetensors"), new Dictionary<string, HostTensor> { ["batch3"] = input });
            expected[folder] = compiled.Forward(input)[network.Output.Name];
        }

        string script = Path.Combine(temp.Path, "check.py");
        File.WriteAllText(script, Check);
        var (code, _, stderr) = Python.Run([script, .. expected.Keys], temp.Path, TimeSpan.FromMinutes(5));

        Assert.True(code == 0, stderr);
        foreach (var (folder, outputs) in expected)
        {
            var actual = WeightFile.Load(Path.Combine(folder, "output.safetensors"))["batch3"];
            Assert.Equal(outputs.Shape, actual.Shape);
            double error = Zoo.RelativeError(actual.Data, outputs.Data);
            Assert.True(error <= 1e-5, $"{Path.GetFileName(folder)}: relative error {error:E2}");
        }
    }

    [Fact]
    public void CeilModeWithUnevenPadsIsRefusedByTheModuleWriterNamingTheLayer()
    {
        var network = Net.Input(8, 8, 2).MaxPool(3, s: 2, pad: Padding.Explicit(0, 1, 0, 1), ceilMode: true, name: "pool").ToNetwork("uneven");
        using var temp = new TempDirectory();
        string folder = Path.Combine(temp.Path, "out");

        var e = Assert.Throws<ExportException>(() => network.ExportPyTorch(folder, new Dictionary<string, HostTensor>()));

        Assert.Equal(
            "pool (MaxPooling2D, input 8x8x2): cannot export to PyTorch: nn.MaxPool2d takes one pad per axis, and ceil mode or counted padding with uneven pads (0, 1, 0, 1) (left, right, top, bottom) has no such form.",
            e.Message);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any());
    }
}
