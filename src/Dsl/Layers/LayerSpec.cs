namespace FluentNets.Layers;

/// <summary>
/// An immutable description of a layer: its hyper-parameters and the rules that give its output
/// shape, parameters and MACs. It holds no weights; a backend turns it into a module.
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

    /// <summary>Infers the output shape (and window, for windowed layers), or throws.</summary>
    /// <exception cref="NetBuildException">The inputs do not satisfy the layer's rule.</exception>
    public abstract LayerOutput Infer(LayerContext context);

    /// <summary>Trainable and non-trainable parameters for the given inputs.</summary>
    public virtual ParamCount Params(IReadOnlyList<Shape> inputs, Shape output) => ParamCount.Zero;

    /// <summary>Multiply-accumulates for one example; only convolutions and dense layers count.</summary>
    public virtual long Macs(IReadOnlyList<Shape> inputs, Shape output) => 0;
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
