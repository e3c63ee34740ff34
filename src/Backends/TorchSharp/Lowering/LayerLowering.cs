using FluentNets.Activations;
using FluentNets.Layers;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>The lowering of one kind of layer spec, with the helpers every lowering uses.</summary>
/// <typeparam name="TSpec">The kind of layer spec.</typeparam>
internal abstract class LayerLowering<TSpec> : ILayerLowering
    where TSpec : LayerSpec
{
    /// <inheritdoc />
    public Type Spec => typeof(TSpec);

    /// <inheritdoc />
    public LoweredNode Lower(LoweringContext context) => Lower((TSpec)context.Node.Layer, context);

    /// <summary>The node as TorchSharp runs it.</summary>
    /// <param name="spec">The node's layer spec.</param>
    /// <param name="context">The node, its state, the device.</param>
    protected abstract LoweredNode Lower(TSpec spec, LoweringContext context);

    /// <summary>A layer that is a function of its inputs (and the training flag).</summary>
    protected static LoweredNode Function(LoweringContext context, Func<IReadOnlyList<Tensor>, bool, Tensor> run) => new(context.Node, run);

    /// <summary>
    /// A linear step followed by a fused activation; for a softmax, the linear step is the layer's logits.
    /// In a network compiled for inference the activation overwrites the linear step's output, which
    /// nothing else reads.
    /// </summary>
    protected static LoweredNode Activated(LoweringContext context, Activation activation, Func<Tensor, Tensor> linear, IReadOnlyList<Convolution>? convolutions = null) =>
        new(
            context.Node,
            context.ForInference
                ? (x, _) => ActivationFunctions.ApplyInPlace(linear(x[0]), activation)
                : (x, _) => ActivationFunctions.Apply(linear(x[0]), activation, disposeInput: true),
            activation is Softmax ? (x, _) => linear(x[0]) : null)
        {
            Convolutions = convolutions ?? [],
        };
}
