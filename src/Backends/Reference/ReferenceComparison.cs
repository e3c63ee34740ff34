using System.Globalization;

namespace FluentNets.Backends.Reference;

/// <summary>
/// Checks a compiled network's values layer by layer against the reference backend in float64:
/// the same network is compiled on <see cref="ReferenceBackend"/> with <see cref="Precision.Float64"/>,
/// given a copy of the network's state, and both run the same batch in inference mode.
/// </summary>
public static class ReferenceComparison
{
    /// <summary>
    /// The default tolerance: 1e-3 of a layer's largest absolute value. float32 through a deep
    /// network stays near 1e-5; the kernel faults this exists to catch are 1e-2 and more.
    /// </summary>
    public const double DefaultTolerance = 1e-3;

    /// <summary>Compares every layer's output of <paramref name="network"/> with the reference backend's in float64.</summary>
    /// <param name="network">A compiled network that gives every layer's output.</param>
    /// <param name="input">The batch both run.</param>
    /// <param name="tolerance">The largest error accepted, relative to the reference output's largest absolute value.</param>
    /// <exception cref="ArgumentException"><paramref name="network"/> does not implement <see cref="ILayerOutputs"/>, or the input's shape is wrong.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is not positive.</exception>
    public static LayerComparison Compare(ICompiledNetwork network, HostTensor input, double tolerance = DefaultTolerance) =>
        Compare([(network, tolerance)], input)[0];

    /// <summary>
    /// Compares every layer's output of each of <paramref name="networks"/>, compilations of one network
    /// holding one state (a network as it is and compiled for inference, say), with one run of the
    /// reference backend in float64 on the first one's state. A layer a network folds into the next
    /// (<see cref="ILayerOutputs.FoldedLayers"/>) gets a row saying so, and is checked at that layer's output.
    /// </summary>
    /// <param name="networks">The compiled networks, each with the largest error accepted for it, relative to the reference output's largest absolute value.</param>
    /// <param name="input">The batch they all run.</param>
    /// <returns>One comparison per network, in order.</returns>
    /// <exception cref="ArgumentException">
    /// No network is given, one does not implement <see cref="ILayerOutputs"/>, they were compiled from
    /// different networks, or the input's shape is wrong.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A tolerance is not positive.</exception>
    public static IReadOnlyList<LayerComparison> Compare(IReadOnlyList<(ICompiledNetwork Network, double Tolerance)> networks, HostTensor input)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(input);
        if (networks.Count == 0)
        {
            throw new ArgumentException("Expected at least one compiled network. Received: none.", nameof(networks));
        }

        var graph = networks[0].Network.Network;
        foreach (var (network, tolerance) in networks)
        {
            ArgumentNullException.ThrowIfNull(network, nameof(networks));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tolerance);
            if (network is not ILayerOutputs)
            {
                throw new ArgumentException(
                    $"Expected a compiled network that gives every layer's output (ILayerOutputs). Received: {network.Backend} network {network.GetType().Name}.", nameof(networks));
            }

            if (network.Network != graph)
            {
                throw new ArgumentException(
                    $"Expected compilations of one network. Received: {graph.Name} and {network.Network.Name}.", nameof(networks));
            }
        }

        using var reference = new ReferenceBackend(new ReferenceBackendOptions { Precision = Precision.Float64 }).Compile(graph, seed: 0);
        reference.SetState(networks[0].Network.GetState());
        var expected = ((ILayerOutputs)reference).ForwardLayers(input);
        var layers = graph.InferenceNodes.Where(n => n != graph.Input).ToArray();
        return networks.Select(subject =>
        {
            var outputs = (ILayerOutputs)subject.Network;
            var folded = outputs.FoldedLayers;
            var actual = outputs.ForwardLayers(input);
            var rows = layers
                .Select(n => folded.TryGetValue(n.Name, out string? into)
                    ? LayerError.Folded(n.Name, ShapeText(expected[n.Name]), into)
                    : Measure(n.Name, actual[n.Name], expected[n.Name], subject.Tolerance))
                .ToArray();
            return new LayerComparison(rows, subject.Tolerance);
        }).ToArray();
    }

    /// <summary>
    /// A copy of <paramref name="state"/> in which every BatchNorm layer's moving mean is drawn from
    /// U(-0.5, 0.5), its moving variance, gamma from U(0.5, 1.5) and beta from U(-0.5, 0.5), so a
    /// comparison exercises the normalisation rather than the identity of fresh statistics.
    /// </summary>
    /// <param name="network">The network the state belongs to.</param>
    /// <param name="state">Its state, by name.</param>
    /// <param name="seed">Seed of the draws.</param>
    public static IReadOnlyDictionary<string, HostTensor> WithBatchNormStatistics(Graph.Network network, IReadOnlyDictionary<string, HostTensor> state, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(state);
        var random = new Random(seed);
        var result = new Dictionary<string, HostTensor>(state, StringComparer.Ordinal);
        foreach (var node in network.Nodes.Where(n => n.Layer is Layers.BatchNormalization))
        {
            Draw($"{node.Name}.running_mean", -0.5, 0.5);
            Draw($"{node.Name}.running_var", 0.5, 1.5);
            Draw($"{node.Name}.weight", 0.5, 1.5);
            Draw($"{node.Name}.bias", -0.5, 0.5);
        }

        return result;

        void Draw(string name, double low, double high)
        {
            if (result.TryGetValue(name, out var old))
            {
                result[name] = new HostTensor([.. old.Shape], old.Data.Select(_ => (float)(low + (random.NextDouble() * (high - low)))).ToArray());
            }
        }
    }

    private static string ShapeText(HostTensor tensor) => string.Create(CultureInfo.InvariantCulture, $"[{string.Join(", ", tensor.Shape)}]");

    private static LayerError Measure(string layer, HostTensor actual, HostTensor expected, double tolerance)
    {
        string shape = ShapeText(expected);
        if (!actual.Shape.SequenceEqual(expected.Shape))
        {
            return new LayerError(layer, shape, double.NaN, double.NaN, 0, float.NaN, float.NaN, Passes: false);
        }

        double worst = 0, range = 0;
        int index = 0;
        for (int i = 0; i < expected.Data.Length; i++)
        {
            double difference = Math.Abs((double)actual.Data[i] - expected.Data[i]);
            range = Math.Max(range, Math.Abs((double)expected.Data[i]));
            if (double.IsNaN(difference) || difference > worst)
            {
                worst = difference;
                index = i;
                if (double.IsNaN(difference))
                {
                    break;
                }
            }
        }

        double relative = worst / (range > 0 ? range : 1);
        return new LayerError(layer, shape, worst, relative, index, actual.Data[index], expected.Data[index], relative <= tolerance);
    }
}
