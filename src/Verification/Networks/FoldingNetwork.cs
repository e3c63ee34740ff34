namespace FluentNets.Verification;

/// <summary>
/// A generated network with a BatchNorm after every convolution, depthwise and separable convolution,
/// and a Dense layer on the image with its BatchNorm before the head: the pairs a network compiled for
/// inference folds, among the cases it must not fold (an activation fused into the layer, the layer's
/// output read by a merge too).
/// </summary>
/// <param name="Description">The network.</param>
public sealed record FoldingNetwork(NetworkDescription Description)
{
    /// <inheritdoc />
    public override string ToString() => Description.ToString();
}
