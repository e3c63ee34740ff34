using FluentNets.Activations;
using FluentNets.Backends;
using FluentNets.Backends.Reference;
using FluentNets.Export.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace FluentNets.Export.Tests;

/// <summary>
/// Each activation at fixed points around its kinks (-3, 0, 3 and 6, a ReLU's threshold and cap) on every target:
/// the TorchSharp backend, the float64 reference backend, the ONNX export in ONNX Runtime and model.py in Debian's
/// PyTorch all give what PyTorch's own function (or, for Keras's ReLU arguments, Keras 3's formula) gives in float64.
/// </summary>
public class ActivationValueTests(ActivationValues values) : IClassFixture<ActivationValues>
{
    /// <summary>The activation and the Python expression of its value at x, a float64 tensor.</summary>
    public static IReadOnlyDictionary<string, (Activation Function, string Torch)> Cases { get; } = new Dictionary<string, (Activation, string)>
    {
        ["relu6"] = (Activation.Relu6, "F.relu6(x)"),
        ["relu-capped"] = (new Relu(MaxValue: 4.5), "keras_relu(x, max_value=4.5)"),
        ["relu-slope"] = (new Relu(NegativeSlope: 0.2), "keras_relu(x, negative_slope=0.2)"),
        ["relu-threshold"] = (new Relu(Threshold: 1), "keras_relu(x, threshold=1.0)"),
        ["relu-general"] = (new Relu(MaxValue: 5, NegativeSlope: 0.1, Threshold: 0.5), "keras_relu(x, negative_slope=0.1, max_value=5.0, threshold=0.5)"),
        ["leaky-relu"] = (new LeakyRelu(0.3), "F.leaky_relu(x, 0.3)"),
        ["hard-sigmoid"] = (Activation.HardSigmoid, "F.hardsigmoid(x)"),
        ["hard-swish"] = (Activation.HardSwish, "F.hardswish(x)"),
        ["gelu"] = (Activation.Gelu, "F.gelu(x)"),
        ["gelu-tanh"] = (Activation.GeluTanh, "F.gelu(x, approximate=\"tanh\")"),
        ["silu"] = (Activation.Silu, "F.silu(x)"),
        ["elu"] = (Activation.Elu, "F.elu(x)"),
        ["elu-alpha"] = (new Elu(0.7), "F.elu(x, 0.7)"),
        ["selu"] = (Activation.Selu, "F.selu(x)"),
        ["softplus"] = (Activation.Softplus, "F.softplus(x)"),
        ["softsign"] = (Activation.Softsign, "F.softsign(x)"),
        ["mish"] = (Activation.Mish, "F.mish(x)"),
    };

    /// <summary>The points, float32 values: the kinks of ReLU6, hard-sigmoid and hard-swish, the thresholds and caps above, and either side of each.</summary>
    public static float[] Points { get; } =
        [-30, -8, -6.5f, -6, -3.5f, -3, -2.999f, -2.5f, -1, -0.5f, -1e-3f, 0, 1e-3f, 0.49f, 0.5f, 0.51f, 1, 1.01f, 2.5f, 2.999f, 3, 3.5f, 4.49f, 4.5f, 4.9f, 5, 5.1f, 5.999f, 6, 6.5f, 8, 30];

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryTargetGivesPyTorchsValuesAroundTheKinks(string name)
    {
        Assert.SkipWhen(values.WhyNotTorch is not null, values.WhyNotTorch ?? "");
        var network = ActivationValues.Network(name);
        var input = new HostTensor([1, Points.Length], Points);
        double[] expected = values.Expected(name);

        using var torchSharp = Zoo.Backend.Compile(network, seed: 1);
        using var reference = new ReferenceBackend(new ReferenceBackendOptions { Precision = Precision.Float64 }).Compile(network, seed: 1);
        using var session = new InferenceSession(Google.Protobuf.MessageExtensions.ToByteArray(network.ToOnnx(new Dictionary<string, HostTensor>())));
        using var feed = OrtValue.CreateTensorValueFromMemory(Points.ToArray(), [1, Points.Length]);
        using var onnx = session.Run(new RunOptions(), [network.Input.Name], [feed], [network.Output.Name]);
        var targets = new Dictionary<string, float[]>
        {
            ["TorchSharp"] = torchSharp.Forward(input)[network.Output.Name].Data,
            ["reference"] = reference.Forward(input)[network.Output.Name].Data,
            ["ONNX Runtime"] = onnx[0].GetTensorDataAsSpan<float>().ToArray(),
            ["model.py"] = values.ModelPy(name),
        };

        var failures = targets
            .SelectMany(t => t.Value.Select((v, i) => (Target: t.Key, X: Points[i], Actual: v, Expected: expected[i])))
            .Where(p => !(Math.Abs(p.Actual - p.Expected) <= 1e-6 * Math.Max(1, Math.Abs(p.Expected))))
            .Select(p => $"{p.Target} at {p.X:R}: {p.Actual:R}, PyTorch {p.Expected:R}");
        Assert.Empty(failures);
    }
}
