namespace FluentNets.Backends;

/// <summary>A compiled network that can give every layer's output of an inference pass, for checking values layer by layer.</summary>
public interface ILayerOutputs
{
    /// <summary>
    /// Runs a batch forward in inference mode and returns the output of every node that runs in
    /// inference (<see cref="Graph.Network.InferenceNodes"/>) but the input, keyed by node name.
    /// </summary>
    /// <param name="input">A batch in (N, C, H, W) or (N, C) layout matching the network's input.</param>
    /// <exception cref="ArgumentException">The input's shape is not a batch of the network's input shape.</exception>
    IReadOnlyDictionary<string, HostTensor> ForwardLayers(HostTensor input);
}
