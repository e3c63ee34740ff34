using FluentNets.Backends;
using FluentNets.Backends.Reference;
using FluentNets.Backends.TorchSharp;
using FluentNets.Graph;

namespace FluentNets.PropertyTests;

/// <summary>The two backends the properties run: TorchSharp on the CPU, and the managed reference backend in float32.</summary>
internal static class Devices
{
    public static TorchSharpBackend Torch { get; } = new(new TorchSharpBackendOptions { Device = "cpu" });

    public static ReferenceBackend Reference { get; } = new(new ReferenceBackendOptions { Precision = Precision.Float32 });

    /// <summary>The main output of an inference pass.</summary>
    public static HostTensor Infer(this ICompiledNetwork compiled, HostTensor input) => compiled.Forward(input)[compiled.Network.Output.Name];

    /// <summary><paramref name="batch"/> examples of <paramref name="network"/>'s input, uniform in [-1, 1).</summary>
    public static HostTensor RandomInput(Network network, int batch, int seed)
    {
        var shape = HostTensor.BatchShape(network.Input.Shape, batch);
        var random = new Random(seed);
        var data = new float[shape.Aggregate(1, (n, d) => n * d)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return new HostTensor(shape, data);
    }

    /// <summary>
    /// A random state for <paramref name="parameters"/> where every value matters: kernels
    /// uniform in +-1 / sqrt(fan in) (so activations neither vanish nor blow up), biases, beta and
    /// moving means in +-0.5, gamma and moving variances (BatchNorm's and Normalization's) in [0.5, 1.5).
    /// </summary>
    public static Dictionary<string, HostTensor> RandomState(IEnumerable<ParameterInfo> parameters, int seed)
    {
        var random = new Random(seed);
        var state = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            var shape = p.Shape.ToArray();
            bool positive = p.Name.EndsWith(".running_var", StringComparison.Ordinal) || p.Name.EndsWith(".variance", StringComparison.Ordinal) ||
                (shape.Length == 1 && p.Name.EndsWith(".weight", StringComparison.Ordinal));
            double limit = shape.Length > 1 ? 1 / Math.Sqrt(shape.Skip(1).Aggregate(1, (n, d) => n * d)) : 0.5;
            var data = new float[p.Elements];
            for (int i = 0; i < data.Length; i++)
            {
                double u = random.NextDouble();
                data[i] = (float)(positive ? 0.5 + u : limit * ((2 * u) - 1));
            }

            state[p.Name] = new HostTensor(shape, data);
        }

        return state;
    }

    /// <summary>Asserts equal shapes and every element within 1e-4 absolute plus 1e-4 relative.</summary>
    public static void AssertClose(HostTensor expected, HostTensor actual, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        for (int i = 0; i < expected.Data.Length; i++)
        {
            double e = expected.Data[i], a = actual.Data[i];
            if (!(Math.Abs(e - a) <= 1e-4 + (1e-4 * Math.Abs(e))))
            {
                Assert.Fail($"{what}: element {i} of {expected.ShapeText} is {a}, expected {e} (difference {Math.Abs(e - a):G3}).");
            }
        }
    }
}
