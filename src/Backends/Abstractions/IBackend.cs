using FluentNets.Graph;

namespace FluentNets.Backends;

/// <summary>Turns a DSL network into something that runs.</summary>
public interface IBackend
{
    /// <summary>The name the backend is registered and picked under, e.g. <c>torchsharp</c>.</summary>
    string Name { get; }

    /// <summary>The device networks are compiled for, e.g. <c>cpu</c> or <c>cuda:0</c>.</summary>
    string Device { get; }

    /// <summary>Compiles <paramref name="network"/> with freshly initialised weights (Keras's defaults: Glorot uniform kernels, zero biases, BatchNorm gamma 1, beta 0, mean 0, variance 1).</summary>
    /// <param name="network">The network.</param>
    /// <param name="seed">Seed of the weight initialisation; null for a random one.</param>
    /// <exception cref="NotSupportedException">The backend cannot run a layer of the network.</exception>
    ICompiledNetwork Compile(Network network, int? seed = null);
}
