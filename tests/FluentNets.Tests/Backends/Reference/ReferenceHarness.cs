using FluentNets.Backends;
using FluentNets.Backends.Reference;
using FluentNets.Graph;

namespace FluentNets.Tests.Backends.Reference;

/// <summary>Compiles small networks on the reference backend, sets chosen weights and runs one batch.</summary>
internal static class ReferenceHarness
{
    public static ICompiledNetwork Compile(this Network network, Precision precision, int seed = 1) =>
        new ReferenceBackend(new ReferenceBackendOptions { Precision = precision }).Compile(network, seed);

    public static ICompiledNetwork Compile<T>(this Net<T> output, Precision precision, int seed = 1)
        where T : Layout => output.ToNetwork().Compile(precision, seed);

    /// <summary>Sets the named parameters (row-major, PyTorch layout), leaving the others as they are.</summary>
    public static ICompiledNetwork With(this ICompiledNetwork network, params (string Name, float[] Values)[] weights)
    {
        var state = network.GetState().ToDictionary();
        foreach (var (name, values) in weights)
        {
            state[name] = new HostTensor([.. state[name].Shape], values);
        }

        network.SetState(state);
        return network;
    }

    /// <summary>The main output of a batch of <paramref name="batch"/> examples given in (N, C, H, W) order.</summary>
    public static float[] Run(this ICompiledNetwork network, float[] input, int batch = 1, bool training = false) =>
        network.Forward(Batch(network, input, batch), training)[network.Network.Output.Name].Data;

    public static HostTensor Batch(this ICompiledNetwork network, float[] input, int batch = 1) =>
        new(HostTensor.BatchShape(network.Network.Input.Shape, batch), input);

    public static float[] Random(int length, int seed, float low = -1, float high = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => low + (high - low) * random.NextSingle()).ToArray();
    }

    public static void Close(IReadOnlyList<float> expected, IReadOnlyList<float> actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, actual {actual[i]} (tolerance {tolerance}).\nexpected [{string.Join(", ", expected)}]\nactual   [{string.Join(", ", actual)}]");
        }
    }
}
