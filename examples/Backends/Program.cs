using System.Globalization;
using FluentNets.Backends;
using FluentNets.Backends.Reference;
using FluentNets.Backends.TorchSharp;
using FluentNets.Graph;
using Microsoft.Extensions.DependencyInjection;

namespace FluentNets.Examples.Backends;

/// <summary>
/// One network, two backends: register TorchSharp (libtorch) and the managed reference backend,
/// pick each by name, give both the same weights, and check that they compute the same outputs.
/// </summary>
public static class Program
{
    /// <summary>The largest difference between the two backends' outputs this example accepts.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Runs the example on the console.</summary>
    /// <param name="args">Ignored.</param>
    /// <returns>0 when the backends agree within <see cref="Tolerance"/>, 1 otherwise.</returns>
    public static int Main(string[] args) => Run(Console.Out);

    /// <summary>Runs the example, writing everything it prints to <paramref name="output"/>.</summary>
    /// <param name="output">Where the backends and the differences go.</param>
    /// <returns>0 when the backends agree within <see cref="Tolerance"/>, 1 otherwise.</returns>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);

        // Each backend registers itself under its name. The TorchSharp backend runs on the CPU
        // here because CUDA convolutions may use TF32, whose 10-bit mantissa would differ from
        // the reference's float32 by more than the tolerance.
        using var services = new ServiceCollection()
            .AddFluentNets()
            .AddTorchSharpBackend(o => o.Device = "cpu")
            .AddReferenceBackend()
            .BuildServiceProvider();
        var backends = services.GetRequiredService<IBackendProvider>();
        output.WriteLine($"Registered backends: {string.Join(", ", backends.Names)}");

        // A name that was not registered fails with the list of the ones that were.
        try
        {
            backends.Get("onnx");
        }
        catch (KeyNotFoundException e)
        {
            output.WriteLine($"Get(\"onnx\"): {e.Message}");
        }

        // The network ends in logits (no softmax), so the comparison sees differences that a
        // softmax would squash. It has every kind of state: kernels, biases and BatchNorm's four vectors.
        Network network = Net.Input(32, 32, 3)
            .Conv(16, 3, pad: Padding.Same, bias: false)
            .BatchNorm()
            .Relu()
            .MaxPool(2)
            .Conv(32, 3, s: 2, pad: Padding.Same, activation: Activation.Relu)
            .GlobalAvgPool()
            .Dense(10)
            .ToNetwork("small_cnn");

        // Different seeds: each backend starts with its own random weights.
        using var torch = backends.Get("torchsharp").Compile(network, seed: 1);
        using var reference = backends.Get("reference").Compile(network, seed: 2);
        output.WriteLine($"Compiled '{network.Name}' on {torch.Backend} ({torch.Device}) and {reference.Backend} ({reference.Device}), {torch.Parameters.Count} state tensors each.");

        var input = RandomBatch(network, count: 4, seed: 7);

        // A training-mode pass moves BatchNorm's running mean and variance away from their
        // initial 0 and 1, so the copy below has buffers worth copying, not only kernels.
        torch.Forward(RandomBatch(network, count: 8, seed: 8), training: true);
        output.WriteLine(Format("Max |difference| with their own weights:", MaxDifference(torch, reference, input)));

        // State is a dictionary of host tensors keyed by layer and role ("conv2d.weight",
        // "batch_normalization.running_mean", ...), in PyTorch's layouts, the same for every
        // backend: the weights move from one backend to another by name.
        reference.SetState(torch.GetState());
        var difference = MaxDifference(torch, reference, input);
        output.WriteLine(Format("Max |difference| with the same weights:", difference));

        if (difference < Tolerance)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The backends agree within {Tolerance:G}."));
            return 0;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The backends differ by more than {Tolerance:G}."));
        return 1;
    }

    /// <summary>Uniform values in [0, 1), like pixels, from a seeded generator: the same batch on every run.</summary>
    private static HostTensor RandomBatch(Network network, int count, int seed)
    {
        var random = new Random(seed);
        var shape = HostTensor.BatchShape(network.Input.Shape, count);
        var data = new float[shape.Aggregate(1, (n, d) => n * d)];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        return new HostTensor(shape, data);
    }

    /// <summary>The largest absolute difference between the two networks' main outputs for <paramref name="input"/>.</summary>
    private static double MaxDifference(ICompiledNetwork a, ICompiledNetwork b, HostTensor input)
    {
        var output = a.Network.Output.Name;
        var x = a.Forward(input)[output].Data;
        var y = b.Forward(input)[output].Data;
        return x.Zip(y, (p, q) => Math.Abs((double)p - q)).Max();
    }

    private static string Format(string label, double difference) =>
        string.Create(CultureInfo.InvariantCulture, $"{label} {difference:0.00E+00}");
}
