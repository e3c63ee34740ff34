using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>
/// A network compiled by the <see cref="ReferenceBackend"/>: its state is one managed array per
/// entry of <see cref="ParameterLayout"/>, and a forward pass evaluates the nodes in order with
/// plain loops. Calls are serialised, so one instance may be shared between threads.
/// </summary>
public sealed class ReferenceNetwork : ICompiledNetwork, ILayerOutputs
{
    private readonly Lock gate = new();
    private readonly IReferenceModel model;
    private bool disposed;

    internal ReferenceNetwork(Network network, Precision precision, int seed)
    {
        Network = network;
        Precision = precision;
        Parameters = ParameterLayout.Of(network);
        model = precision == Precision.Float64
            ? new ReferenceModel<double>(network, Parameters, seed)
            : new ReferenceModel<float>(network, Parameters, seed);
    }

    /// <inheritdoc />
    public Network Network { get; }

    /// <inheritdoc />
    public string Backend => ReferenceBackend.BackendName;

    /// <inheritdoc />
    public string Device => "cpu";

    /// <summary>The floating-point type the layers compute in.</summary>
    public Precision Precision { get; }

    /// <inheritdoc />
    public IReadOnlyList<ParameterInfo> Parameters { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The input is not [N, C, H, W] (or [N, C]) of the network's input with N at least 1, or, in
    /// training, a BatchNorm layer would see a single value per channel (its variance is undefined).
    /// </exception>
    /// <exception cref="ObjectDisposedException">The network was disposed.</exception>
    public IReadOnlyDictionary<string, HostTensor> Forward(HostTensor input, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            Validate(input, training);
            return model.Forward(input, training);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The network was disposed.</exception>
    public IReadOnlyDictionary<string, HostTensor> ForwardLayers(HostTensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            Validate(input, training: false);
            return model.ForwardLayers(input);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The network was disposed.</exception>
    public IReadOnlyDictionary<string, HostTensor> GetState()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return model.GetState();
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The network was disposed.</exception>
    public void SetState(IReadOnlyDictionary<string, HostTensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            StateCheck.Validate(Parameters, state);
            model.SetState(state);
        }
    }

    /// <summary>Releases the network; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Network.Name} on {Backend} ({Precision}, {Device})";

    private void Validate(HostTensor input, bool training)
    {
        var shape = Network.Input.Shape;
        var expected = HostTensor.BatchShape(shape, 1);
        if (input.Shape.Count != expected.Length || input.Shape[0] < 1 || !input.Shape.Skip(1).SequenceEqual(expected.Skip(1)))
        {
            throw new ArgumentException(
                $"{Network.Input.Name}: expected a batch of {shape} as [N, {string.Join(", ", expected.Skip(1))}] with N >= 1. Received: {input.ShapeText}.",
                nameof(input));
        }

        if (!training)
        {
            return;
        }

        int batch = input.Shape[0];
        foreach (var node in Network.Nodes.Where(n => n.Layer is BatchNormalization))
        {
            var s = node.Inputs[0].Shape;
            long values = (long)batch * (s.IsImage ? (long)s.Height * s.Width : 1);
            if (values < 2)
            {
                throw new ArgumentException(
                    $"{node.Name}: batch normalisation in training needs more than one value per channel, as PyTorch does. Received: input {input.ShapeText} gives {values}.",
                    nameof(input));
            }
        }
    }
}
