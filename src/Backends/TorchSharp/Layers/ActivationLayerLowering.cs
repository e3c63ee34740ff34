using FluentNets.Activations;
using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// An activation layer: its entry in <see cref="ActivationFunctions"/>, in place where nothing else reads
/// its input in a network compiled for inference; a softmax's input is its logits.
/// </summary>
internal sealed class ActivationLayerLowering : LayerLowering<ActivationLayer>
{
    /// <inheritdoc />
    protected override LoweredNode Lower(ActivationLayer spec, LoweringContext context) =>
        Function(context, (x, _) => ActivationFunctions.Apply(x[0], spec.Function)) with
        {
            Logits = spec.Function is Softmax ? (x, _) => x[0].alias() : null,
            InPlace = x => ActivationFunctions.ApplyInPlace(x[0], spec.Function),
        };
}
