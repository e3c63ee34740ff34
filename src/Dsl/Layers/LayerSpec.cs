using FluentNets.Analysis;

namespace FluentNets.Layers;

/// <summary>
/// An immutable description of a layer: its hyper-parameters and the rules that give its output
/// shape, parameters, MACs and receptive field. It holds no weights; a backend turns it into a module.
/// The parameters are declared here once (<see cref="Parameters"/>); every target (backends,
/// weight files, exporters, the trainer) reads that declaration.
/// </summary>
public abstract record LayerSpec
{
    private protected LayerSpec()
    {
    }

    /// <summary>The layer's class name as Keras prints it, e.g. <c>Conv2D</c>.</summary>
    public abstract string KerasType { get; }

    /// <summary>The prefix of automatic names, e.g. <c>conv2d</c> for <c>conv2d</c>, <c>conv2d_1</c>...</summary>
    public abstract string NamePrefix { get; }

    /// <summary>
    /// The names a PyTorch state dict holds for this layer that it does not use, accepted and dropped when
    /// reading one (BatchNorm's <c>num_batches_tracked</c>).
    /// </summary>
    public virtual IReadOnlyList<string> UnusedTorchRoles => [];

    /// <summary>Infers the output shape (and window, for windowed layers), or throws.</summary>
    /// <exception cref="NetBuildException">The inputs do not satisfy the layer's rule.</exception>
    public abstract LayerOutput Infer(LayerContext context);

    /// <summary>The layer's parameters and saved state for the given inputs, in the order Keras lists its weights.</summary>
    /// <param name="inputs">The input shapes.</param>
    /// <param name="output">The output shape.</param>
    public virtual IReadOnlyList<ParameterSpec> Parameters(IReadOnlyList<Shape> inputs, Shape output) => [];

    /// <summary>Trainable and non-trainable parameters for the given inputs: the sum over <see cref="Parameters"/>.</summary>
    public ParamCount Params(IReadOnlyList<Shape> inputs, Shape output) =>
        Parameters(inputs, output).Aggregate(ParamCount.Zero, (total, p) => total + (p.Trainable ? new ParamCount(p.Elements, 0) : new ParamCount(0, p.Elements)));

    /// <summary>Multiply-accumulates for one example; only convolutions and dense layers count.</summary>
    public virtual long Macs(IReadOnlyList<Shape> inputs, Shape output) => 0;

    /// <summary>
    /// The receptive field of the layer's output, given the widest field among its inputs
    /// (<paramref name="input"/>) and the node with its shapes and resolved window.
    /// </summary>
    /// <param name="input">The widest receptive field of the inputs, per axis.</param>
    /// <param name="node">The layer's node.</param>
    public abstract ReceptiveField Field(ReceptiveField input, Graph.Node node);
}

/// <summary>The inferred output of a layer: its shape and, for a windowed layer, the resolved window.</summary>
/// <param name="Shape">Output shape for one example.</param>
/// <param name="Window">The window with its pads, for convolution and pooling layers.</param>
public sealed record LayerOutput(Shape Shape, Window2D? Window = null);

/// <summary>Parameter counts of a layer or network.</summary>
/// <param name="Trainable">Parameters updated by the optimiser.</param>
/// <param name="NonTrainable">State that is saved but not trained, such as BatchNorm's moving statistics.</param>
public readonly record struct ParamCount(long Trainable, long NonTrainable)
{
    /// <summary>No parameters.</summary>
    public static ParamCount Zero => default;

    /// <summary>Trainable plus non-trainable.</summary>
    public long Total => Trainable + NonTrainable;

    /// <summary>Element-wise sum.</summary>
    public static ParamCount operator +(ParamCount a, ParamCount b) => new(a.Trainable + b.Trainable, a.NonTrainable + b.NonTrainable);
}
