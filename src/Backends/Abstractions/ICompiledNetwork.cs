using FluentNets.Graph;

namespace FluentNets.Backends;

/// <summary>A network compiled by a backend: it runs forward and owns its weights.</summary>
public interface ICompiledNetwork : IDisposable
{
    /// <summary>The network it was compiled from.</summary>
    Network Network { get; }

    /// <summary>The backend's name.</summary>
    string Backend { get; }

    /// <summary>The device it runs on.</summary>
    string Device { get; }

    /// <summary>Every parameter and buffer the backend allocated, as it reports them.</summary>
    IReadOnlyList<ParameterInfo> Parameters { get; }

    /// <summary>
    /// Runs a batch forward. In inference mode the result holds the main output only; in training
    /// mode dropout is active, BatchNorm uses and updates batch statistics, and auxiliary heads
    /// are evaluated too. Outputs are keyed by <see cref="Network.Outputs"/>' names.
    /// </summary>
    /// <param name="input">A batch in (N, C, H, W) or (N, C) layout matching the network's input.</param>
    /// <param name="training">Training mode.</param>
    /// <exception cref="ArgumentException">The input's shape is not a batch of the network's input shape.</exception>
    IReadOnlyDictionary<string, HostTensor> Forward(HostTensor input, bool training = false);

    /// <summary>A copy of every parameter and buffer, by name.</summary>
    IReadOnlyDictionary<string, HostTensor> GetState();

    /// <summary>Replaces every parameter and buffer with the values given by name.</summary>
    /// <exception cref="WeightsException">A name is missing or unexpected, or a shape differs; nothing is changed then.</exception>
    void SetState(IReadOnlyDictionary<string, HostTensor> state);
}
