namespace FluentNets.Backends;

/// <summary>A compiled network that can give every layer's output of an inference pass, for checking values layer by layer.</summary>
public interface ILayerOutputs
{
    /// <summary>
    /// Runs a batch forward in inference mode and returns the output of every node that runs in
    /// inference (<see cref="Graph.Network.InferenceNodes"/>) but the input and the layers of
    /// <see cref="FoldedLayers"/>, keyed by node name.
    /// </summary>
    /// <param name="input">A batch in (N, C, H, W) or (N, C) layout matching the network's input.</param>
    /// <exception cref="ArgumentException">The input's shape is not a batch of the network's input shape.</exception>
    IReadOnlyDictionary<string, HostTensor> ForwardLayers(HostTensor input);

    /// <summary>
    /// Runs a batch forward in inference mode and returns the outputs of the inference nodes named in
    /// <paramref name="names"/> only, keyed by node name; names of other nodes are left out. A backend
    /// that keeps its activations elsewhere copies only these to the host.
    /// </summary>
    /// <param name="input">A batch in (N, C, H, W) or (N, C) layout matching the network's input.</param>
    /// <param name="names">The nodes to return.</param>
    /// <exception cref="ArgumentException">The input's shape is not a batch of the network's input shape.</exception>
    IReadOnlyDictionary<string, HostTensor> ForwardLayers(HostTensor input, IReadOnlySet<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return ForwardLayers(input).Where(l => names.Contains(l.Key)).ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Layers whose output no pass computes on its own, each with the layer it is folded into: a
    /// network compiled for inference folds a BatchNorm into the convolution or Dense layer before it,
    /// so that layer's output is the BatchNorm's. <see cref="ForwardLayers(HostTensor)"/> leaves them
    /// out. Empty by default.
    /// </summary>
    IReadOnlyDictionary<string, string> FoldedLayers => new Dictionary<string, string>(StringComparer.Ordinal);
}
