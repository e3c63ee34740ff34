using FluentNets.Backends.TorchSharp;
using FluentNets.Graph;

namespace FluentNets.Backends.Tests;

/// <summary>The TorchSharp backend on the CPU, and host tensors to feed it.</summary>
internal static class Cpu
{
    public static TorchSharpBackend Backend { get; } = new(new TorchSharpBackendOptions { Device = "cpu" });

    public static TorchSharpNetwork Compile(Network network, int seed = 1) => (TorchSharpNetwork)Backend.Compile(network, seed);

    /// <summary>The main output of an inference pass.</summary>
    public static HostTensor Infer(this ICompiledNetwork network, HostTensor input) => network.Forward(input)[network.Network.Output.Name];

    /// <summary>0, 1, 2, ... scaled and shifted: distinct values in a known order.</summary>
    public static HostTensor Ramp(int[] shape, float scale = 1, float offset = 0)
    {
        int n = shape.Aggregate(1, (a, d) => a * d);
        return new HostTensor(shape, Enumerable.Range(0, n).Select(i => i * scale + offset).ToArray());
    }

    /// <summary>Uniform values in [-1, 1) from a seeded System.Random.</summary>
    public static HostTensor Random(int[] shape, int seed = 7)
    {
        var random = new Random(seed);
        int n = shape.Aggregate(1, (a, d) => a * d);
        return new HostTensor(shape, Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray());
    }

    /// <summary>
    /// A seeded state for <paramref name="parameters"/> in which every value matters: kernels uniform in
    /// +-1 / sqrt(fan in), biases, beta and moving means in +-0.5, gamma and moving variances in [0.5, 1.5).
    /// </summary>
    public static Dictionary<string, HostTensor> RandomState(IEnumerable<ParameterInfo> parameters, int seed)
    {
        var random = new Random(seed);
        var state = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            int[] shape = [.. p.Shape];
            bool positive = p.Name.EndsWith(".running_var", StringComparison.Ordinal) || (shape.Length == 1 && p.Name.EndsWith(".weight", StringComparison.Ordinal));
            double limit = shape.Length > 1 ? 1 / Math.Sqrt(shape.Skip(1).Aggregate(1, (n, d) => n * d)) : 0.5;
            state[p.Name] = new HostTensor(shape, Enumerable.Range(0, (int)p.Elements).Select(_ => (float)(positive ? 0.5 + random.NextDouble() : limit * ((2 * random.NextDouble()) - 1))).ToArray());
        }

        return state;
    }

    public static HostTensor Filled(int[] shape, float value)
    {
        int n = shape.Aggregate(1, (a, d) => a * d);
        return new HostTensor(shape, Enumerable.Repeat(value, n).ToArray());
    }

    /// <summary>Element (n, c, h, w) of an NCHW host tensor.</summary>
    public static float At(this HostTensor t, int n, int c, int h, int w) =>
        t.Data[((n * t.Shape[1] + c) * t.Shape[2] + h) * t.Shape[3] + w];

    /// <summary>Element (n, c) of an NC host tensor.</summary>
    public static float At(this HostTensor t, int n, int c) => t.Data[n * t.Shape[1] + c];
}
