using FluentNets.Activations;
using FluentNets.Export.PyTorch;
using FluentNets.Graph;
using Microsoft.ML.OnnxRuntime;

namespace FluentNets.Export.Tests;

/// <summary>
/// Each layer kind and activation in a small network with random weights and state, exported to ONNX and
/// run by ONNX Runtime, and to model.py and run by Debian's PyTorch, gives the TorchSharp backend's outputs;
/// each case also names the ONNX operator and the model.py text its layer becomes.
/// </summary>
public class LayerKindsExportTests(LayerKindsExports exports) : IClassFixture<LayerKindsExports>
{
    /// <summary>A network, the ONNX operator its graph must hold and a piece of its model.py.</summary>
    public sealed record Case(Func<Network> Build, string OnnxOp, string ModelPyText);

    /// <summary>The networks, by name.</summary>
    public static IReadOnlyDictionary<string, Case> Cases { get; } = new Dictionary<string, Case>
    {
        ["rescaling"] = new(
            () => Net.Input(6, 6, 3)
                .Rescale(1 / 127.5, -1, name: "shared")
                .Rescale([0.5, 2, -1], [0.1, 0.2, 0.3], name: "per_channel")
                .Conv(4, 3, name: "conv")
                .GlobalAvgPool(name: "pool")
                .Rescale([1, 2, 3, 4], [0, 0.1, 0.2, 0.3], name: "vector")
                .ToNetwork("rescaling"),
            "Mul", "self.per_channel = KerasRescaling([0.5, 2.0, -1.0], [0.1, 0.2, 0.3])"),
        ["normalization"] = new(
            () => Net.Input(5, 5, 3)
                .Normalize(name: "saved")
                .Conv(4, 3, name: "conv")
                .Normalize([0.485, 0.456, 0.406, 0.5], [0.052, 0.05, 0.051, 0.25], name: "constant")
                .GlobalAvgPool(name: "pool")
                .Normalize(name: "vector")
                .ToNetwork("normalization"),
            "Sqrt", "self.saved = KerasNormalization(3)"),
        ["layer-norm"] = new(
            () => Net.Input(5, 5, 3)
                .Conv(6, 3, pad: Padding.Same, name: "conv")
                .LayerNorm(1e-6, name: "norm")
                .LayerNorm(center: false, name: "no_beta")
                .LayerNorm(scale: false, name: "no_gamma")
                .GlobalAvgPool(name: "pool")
                .Dense(5, name: "dense")
                .LayerNorm(1e-6, name: "vector")
                .ToNetwork("layer_norm"),
            "LayerNormalization", "self.norm = ChannelsLayerNorm(6, eps=1E-06, scale=True, center=True)"),
        ["layer-scale"] = new(
            () => Net.Input(5, 5, 3)
                .Conv(4, 3, name: "conv")
                .Block("stage", b => b.LayerScale(name: "gamma"))
                .GlobalAvgPool(name: "pool")
                .LayerScale(0.5, name: "vector")
                .ToNetwork("layer_scale"),
            "Mul", "self.stage__gamma = nn.Parameter(torch.full((4, 1, 1), 1E-06))"),
        ["channel-shuffle"] = new(
            () => Net.Input(4, 4, 3).Conv(6, 1, name: "conv").ChannelShuffle(3, name: "shuffle").ToNetwork("channel_shuffle"),
            "Transpose", "self.shuffle = nn.ChannelShuffle(3)"),
        ["channel-slice"] = new(
            () =>
            {
                var halves = Net.Input(4, 4, 3).Conv(8, 1, name: "conv").SplitChannels(2, name: "half");
                return Net.Concat("swapped", halves[1], halves[0].SliceChannels(1, 2, name: "middle")).ToNetwork("channel_slice");
            },
            "Slice", "half_1 = conv[:, 4:8]"),
        ["cropping"] = new(
            () => Net.Input(8, 7, 2).Conv(3, 1, name: "conv").Crop((1, 2, 0, 3), name: "crop").ToNetwork("cropping"),
            "Slice", "crop = conv[:, :, 1:6, 0:4]"),
        ["scaled-add"] = new(
            () =>
            {
                var x = Net.Input(5, 5, 3).Conv(4, 3, pad: Padding.Same, name: "conv");
                return Net.ScaledAdd("scaled", x, x.Conv(4, 1, name: "branch"), 0.17).ToNetwork("scaled_add");
            },
            "Add", "scaled = conv + 0.17 * branch"),
        ["reshape"] = new(
            () => Net.Input(3, 3, 2)
                .Conv(4, 1, name: "conv")
                .Reshape(36, name: "to_vector")
                .Dense(12, name: "dense")
                .Reshape(2, 2, 3, name: "to_image")
                .Conv(5, 1, name: "head")
                .ToNetwork("reshape"),
            "Reshape", "self.to_image = ChannelsLastReshape(2, 2, 3)"),
        ["keep-dims"] = new(
            () =>
            {
                var x = Net.Input(4, 4, 3).Conv(6, 1, name: "conv");
                var gate = x.GlobalAvgPoolKeepDims(name: "squeeze")
                    .Conv(3, 1, activation: Activation.Relu, name: "reduce")
                    .Conv(6, 1, activation: Activation.HardSigmoid, name: "expand")
                    .Reshape(6, name: "gate");
                var maxed = x.GlobalMaxPoolKeepDims(name: "max_squeeze").Reshape(6, name: "max_gate");
                return Net.Multiply(Net.Multiply(x, gate, name: "excite"), maxed, name: "excite_max").ToNetwork("keep_dims");
            },
            "GlobalAveragePool", "self.squeeze = nn.AdaptiveAvgPool2d(1)"),
        ["stochastic-depth"] = new(
            () =>
            {
                var x = Net.Input(5, 5, 3).Conv(4, 3, pad: Padding.Same, name: "conv");
                return Net.Add("residual", x, x.Conv(4, 3, pad: Padding.Same, name: "branch").StochasticDepth(0.2, name: "drop")).ToNetwork("stochastic_depth");
            },
            "Identity", "self.drop = StochasticDepth(0.2)"),
        ["relu6"] = Activated(Activation.Relu6, "Clip", "self.layer = nn.ReLU6()"),
        ["relu-capped"] = Activated(new Relu(MaxValue: 4.5), "Clip", "self.layer = nn.Hardtanh(0.0, 4.5)"),
        ["relu-slope"] = Activated(new Relu(NegativeSlope: 0.2), "LeakyRelu", "self.layer = nn.LeakyReLU(0.2)"),
        ["relu-general"] = Activated(new Relu(MaxValue: 5, NegativeSlope: 0.1, Threshold: 0.5), "Greater", "self.layer = KerasReLU(0.1, 5.0, 0.5)"),
        ["hard-sigmoid"] = Activated(Activation.HardSigmoid, "HardSigmoid", "self.layer = nn.Hardsigmoid()"),
        ["hard-swish"] = Activated(Activation.HardSwish, "HardSwish", "self.layer = nn.Hardswish()"),
        ["gelu"] = Activated(Activation.Gelu, "Erf", "self.layer = nn.GELU()"),
        ["gelu-tanh"] = Activated(Activation.GeluTanh, "Tanh", "self.layer = nn.GELU(approximate=\"tanh\")"),
        ["silu"] = Activated(Activation.Silu, "Sigmoid", "self.layer = nn.SiLU()"),
        ["elu"] = Activated(new Elu(0.7), "Elu", "self.layer = nn.ELU(0.7)"),
        ["selu"] = Activated(Activation.Selu, "Selu", "self.layer = nn.SELU()"),
        ["softplus"] = Activated(Activation.Softplus, "Softplus", "self.layer = nn.Softplus()"),
        ["softsign"] = Activated(Activation.Softsign, "Softsign", "self.layer = nn.Softsign()"),
        ["mish"] = Activated(Activation.Mish, "Softplus", "self.layer = nn.Mish()"),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void OnnxRuntimeGivesTheBackendsOutputs(string name)
    {
        var export = exports[name];
        using var session = new InferenceSession(Google.Protobuf.MessageExtensions.ToByteArray(export.Model));
        using var feed = OrtValue.CreateTensorValueFromMemory(export.Input.Data, export.Input.Shape.Select(d => (long)d).ToArray());
        using var results = session.Run(new RunOptions(), [export.Network.Input.Name], [feed], [export.Network.Output.Name]);

        Assert.Equal(export.Expected.Shape.Select(d => (long)d), results[0].GetTensorTypeAndShape().Shape);
        double error = Zoo.RelativeError(results[0].GetTensorDataAsSpan<float>().ToArray(), export.Expected.Data);
        Assert.True(error <= 1e-5, $"{name}: relative error {error:E2}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TheOnnxGraphHasTheReadableOperatorAndANodeNamedAsEachLayer(string name)
    {
        var graph = exports[name].Model.Graph;

        Assert.Contains(graph.Node, n => n.OpType == Cases[name].OnnxOp);
        var nodes = graph.Node.Select(n => n.Name).ToHashSet();
        Assert.All(exports[name].Network.Nodes.Skip(1), n => Assert.Contains(n.Name, nodes));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void PyTorchGivesTheBackendsOutputs(string name)
    {
        Assert.SkipWhen(exports.WhyNotTorch is not null, exports.WhyNotTorch ?? "");
        var export = exports[name];

        var actual = exports.Outputs(name);

        Assert.Contains(Cases[name].ModelPyText + "\n", export.Network.ModelSource());
        Assert.Equal(export.Expected.Shape, actual.Shape);
        double error = Zoo.RelativeError(actual.Data, export.Expected.Data);
        Assert.True(error <= 1e-5, $"{name}: relative error {error:E2}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ModelPyNamesItsStateAsFluentNetsAndLoadsAFileSoNamed(string name)
    {
        Assert.SkipWhen(exports.WhyNotTorch is not null, exports.WhyNotTorch ?? "");

        var report = exports.Report(name);

        Assert.Equal(exports[name].State.Order(StringComparer.Ordinal), report.Names);
        Assert.Equal(0, report.Reloaded);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void OnnxsOwnCheckerAcceptsTheModel(string name)
    {
        Assert.SkipWhen(exports.WhyNotTorch is not null, exports.WhyNotTorch ?? "");
        var report = exports.Report(name);
        Assert.SkipWhen(report.Onnx is null, "python3-onnx is not installed");

        Assert.Equal("ok", report.Onnx);
    }

    [Fact]
    public void StochasticDepthDropsWholeExamplesInTrainingAsTorchvisionsRowMode()
    {
        Assert.SkipWhen(exports.WhyNotTorch is not null, exports.WhyNotTorch ?? "");
        var report = exports.Report("stochastic-depth");
        Assert.SkipWhen(report.StochasticDepth is null, "python3-torchvision is not installed");

        // One seed, so one outcome; and for any seed, 256 examples each dropped with probability 0.2 fall
        // outside a share of [0.1, 0.3] with odds below 1e-4.
        Assert.True(report.StochasticDepth!.Equal, "model.py's StochasticDepth differs from torchvision.ops.stochastic_depth(mode=\"row\") with one seed");
        Assert.InRange(report.StochasticDepth.Dropped, 0.1, 0.3);
    }

    /// <summary>The activation fused into a convolution, as a layer of its own, and fused into a Dense on a vector.</summary>
    private static Case Activated(Activation function, string onnxOp, string modelPyText) => new(
        () => Net.Input(5, 5, 3)
            .Rescale(4, name: "spread")
            .Conv(6, 3, pad: Padding.Same, activation: function, name: "fused")
            .Activate(function, name: "layer")
            .GlobalAvgPool(name: "pool")
            .Dense(4, activation: function, name: "dense")
            .ToNetwork("activated"),
        onnxOp, modelPyText);
}
