using FluentNets.Backends;

namespace FluentNets.PropertyTests;

/// <summary>Runs a network that ends in one window layer through TorchSharp and checks the tensor it gives.</summary>
internal static class TorchWindow
{
    /// <summary>
    /// Compiles the network ending at <paramref name="y"/> with random weights, runs a batch of one
    /// or two random inputs, and asserts that the output tensor has the DSL's shape and the values
    /// <see cref="WindowByHand"/> computes with the oracle's pads.
    /// </summary>
    public static void AssertRuns(Net<Image> y, WindowLayer layer, ExplicitPadding pads, Size2 kernel, Size2 stride, Size2 dilation, int seed)
    {
        var network = y.ToNetwork();
        using var compiled = Devices.Torch.Compile(network, seed);
        var state = Devices.RandomState(compiled.Parameters, seed);
        compiled.SetState(state);
        int batch = 1 + (seed % 2);
        var input = Devices.RandomInput(network, batch, seed);

        var output = compiled.Infer(input);

        Assert.Equal(HostTensor.BatchShape(y.Shape, batch), output.Shape);
        Devices.AssertClose(WindowByHand.Compute(layer, y.Name, state, input, pads, kernel, stride, dilation), output, y.Name);
    }

    /// <summary>A seed that depends only on the case's numbers, so a failure replays the same tensors.</summary>
    public static int Seed(params int[] numbers) => numbers.Aggregate(17, (h, n) => unchecked((h * 31) + n)) & 0x7fffffff;
}
