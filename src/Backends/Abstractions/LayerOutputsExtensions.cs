using FluentNets.Graph;

namespace FluentNets.Backends;

/// <summary>Reads named layers' outputs of a compiled network, for feature extraction.</summary>
public static class LayerOutputsExtensions
{
    /// <summary>
    /// Runs a batch forward in inference mode and returns the outputs of the layers named in
    /// <paramref name="names"/>, e.g. <c>compiled.Outputs(batch, "mixed7", "avg_pool")</c>, keyed by
    /// name in the order given. A layer's output is what <c>Network.Until(name)</c> would end in; the
    /// input layer's name gives the input back.
    /// </summary>
    /// <param name="network">A compiled network whose backend gives layer outputs (<see cref="ILayerOutputs"/>).</param>
    /// <param name="input">A batch in (N, C, H, W) or (N, C) layout matching the network's input.</param>
    /// <param name="names">Layer names, as <see cref="Network.Nodes"/> name them; at least one.</param>
    /// <exception cref="ArgumentException">
    /// No name is given; a name is no layer of the network (the message lists close names); a layer
    /// belongs to an auxiliary head only, which runs in training; a layer is folded into the next one
    /// (<see cref="ILayerOutputs.FoldedLayers"/>); or the input's shape is wrong.
    /// </exception>
    /// <exception cref="NotSupportedException">The backend's compiled network does not give layer outputs.</exception>
    public static IReadOnlyDictionary<string, HostTensor> Outputs(this ICompiledNetwork network, HostTensor input, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0)
        {
            throw new ArgumentException($"Expected at least one layer name of {network.Network.Name}. Received: names=[].", nameof(names));
        }

        var graph = network.Network;
        var inference = graph.InferenceNodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        foreach (string name in names)
        {
            var node = graph.Layer(name);
            if (!inference.Contains(node.Name))
            {
                throw new ArgumentException(
                    $"Expected a layer that runs in inference. Received: name=\"{name}\", a layer of an auxiliary head of {graph.Name}, which runs only in training.",
                    nameof(names));
            }
        }

        if (network is not ILayerOutputs layers)
        {
            throw new NotSupportedException(
                $"{network.Backend} network {network.GetType().Name} does not give layer outputs (ILayerOutputs); compile {graph.Name}.Until(name) for one layer's output.");
        }

        var folded = layers.FoldedLayers;
        foreach (string name in names)
        {
            if (folded.TryGetValue(name, out string? into))
            {
                throw new ArgumentException(
                    $"Expected a layer whose output the compiled network computes. Received: name=\"{name}\", which {graph.Name} compiled for inference folds into {into}; read {into}, or compile the network without folding to read {name}.",
                    nameof(names));
            }
        }

        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var values = layers.ForwardLayers(input, wanted);
        var outputs = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            outputs[name] = name == graph.Input.Name ? input : values[name];
        }

        return outputs;
    }
}
