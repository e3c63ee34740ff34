namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// How the TorchSharp backend runs one kind of layer spec. Each kind has its implementation in its own
/// class under <c>Layers/</c>, derived from <see cref="LayerLowering{TSpec}"/> and found by
/// <see cref="LayerLowerings"/>.
/// </summary>
internal interface ILayerLowering
{
    /// <summary>The kind of layer spec lowered.</summary>
    Type Spec { get; }

    /// <summary>The node of that kind as TorchSharp runs it, its state already made from the spec's declaration.</summary>
    /// <param name="context">The node, its state, the device.</param>
    LoweredNode Lower(LoweringContext context);
}
