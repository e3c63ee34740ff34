using FluentNets.Backends;
using FluentNets.Backends.TorchSharp;
using FluentNets.Benchmarks.Harness;
using FluentNets.Graph;
using static TorchSharp.torch;

namespace FluentNets.Benchmarks.Abstraction;

/// <summary>
/// The FluentNets side of the abstraction benchmark: a DSL network compiled by the TorchSharp
/// backend and run through its public torch-tensor entry point, <see cref="TorchSharpNetwork.ForwardTensors"/>,
/// exactly as training code would call it.
/// </summary>
public sealed class FluentNetsModel : IDisposable
{
    private readonly TorchSharpNetwork compiled;

    private FluentNetsModel(TorchSharpNetwork compiled) => this.compiled = compiled;

    /// <summary>The torch module, whose parameters the optimiser updates.</summary>
    public nn.Module<Tensor, Tensor> Module => compiled.Module;

    /// <summary>Compiles <paramref name="network"/> on the CPU with a seeded Keras initialisation.</summary>
    /// <exception cref="NotSupportedException">The backend cannot lower a layer.</exception>
    public static FluentNetsModel Compile(Network network, int seed, int threads)
    {
        var backend = BenchHeap.Backend(threads);
        return new FluentNetsModel((TorchSharpNetwork)backend.Compile(network, seed));
    }

    /// <summary>The main output for a batch, in training or inference mode; the caller owns it.</summary>
    public Tensor Forward(Tensor input, bool training) =>
        compiled.ForwardTensors(input, training)[compiled.Network.Output.Name];

    /// <summary>The main output's scores before its softmax, for a cross-entropy loss, as FluentNets' own trainer asks for them.</summary>
    public Tensor Logits(Tensor input, bool training) =>
        compiled.ForwardTensors(input, training, logits: true)[compiled.Network.Output.Name];

    /// <summary>Every parameter and buffer by FluentNets name.</summary>
    public IReadOnlyDictionary<string, HostTensor> State() => compiled.GetState();

    /// <inheritdoc />
    public void Dispose() => compiled.Dispose();
}
