using FluentNets.Backends;
using FluentNets.Graph;

namespace FluentNets.Training;

/// <summary>A backend whose compiled networks train (<see cref="ITrainableNetwork"/>): the TorchSharp backend.</summary>
public interface ITrainingBackend : IBackend
{
    /// <summary>Compiles <paramref name="network"/> with initial weights drawn from <paramref name="seed"/>, ready to train.</summary>
    /// <param name="network">The network.</param>
    /// <param name="seed">The seed of the initial weights, and of training's draws; random when omitted.</param>
    /// <exception cref="NotSupportedException">A layer has no implementation in this backend.</exception>
    new ITrainableNetwork Compile(Network network, int? seed = null);
}
