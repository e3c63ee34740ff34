namespace FluentNets.PropertyTests;

/// <summary>One image layer of a random <see cref="Chain"/>; every window uses SAME padding, so it always fits.</summary>
/// <param name="Kind">The layer.</param>
/// <param name="Kernel">Kernel or pool size.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Filters">Filters of Conv and SeparableConv.</param>
/// <param name="Groups">Channel groups of Conv.</param>
/// <param name="DepthMultiplier">Depth multiplier of DepthwiseConv and SeparableConv.</param>
/// <param name="Bias">Whether a convolution has a bias.</param>
/// <param name="Center">Whether BatchNorm learns beta.</param>
/// <param name="Scale">Whether BatchNorm learns gamma.</param>
public sealed record ChainLayer(
    ChainLayerKind Kind, Size2 Kernel, Size2 Stride, int Filters, int Groups, int DepthMultiplier, bool Bias, bool Center, bool Scale)
{
    /// <summary>Whether the layer slides a window, so its stride shrinks the image.</summary>
    public bool IsWindow => Kind is ChainLayerKind.Conv or ChainLayerKind.DepthwiseConv or ChainLayerKind.SeparableConv or ChainLayerKind.MaxPool;

    /// <summary>Output channels for <paramref name="inputChannels"/> input channels.</summary>
    public int OutChannels(int inputChannels) => Kind switch
    {
        ChainLayerKind.Conv or ChainLayerKind.SeparableConv => Filters,
        ChainLayerKind.DepthwiseConv => inputChannels * DepthMultiplier,
        _ => inputChannels,
    };

    /// <summary>Adds the layer to <paramref name="x"/>.</summary>
    public Net<Image> AddTo(Net<Image> x) => Kind switch
    {
        ChainLayerKind.Conv => x.Conv(Filters, Kernel, s: Stride, pad: Padding.Same, groups: Groups, bias: Bias),
        ChainLayerKind.DepthwiseConv => x.DepthwiseConv(Kernel, DepthMultiplier, s: Stride, pad: Padding.Same, bias: Bias),
        ChainLayerKind.SeparableConv => x.SeparableConv(Filters, Kernel, s: Stride, pad: Padding.Same, depthMultiplier: DepthMultiplier, bias: Bias),
        ChainLayerKind.BatchNorm => x.BatchNorm(center: Center, scale: Scale),
        ChainLayerKind.MaxPool => x.MaxPool(Kernel, s: Stride, pad: Padding.Same),
        _ => x.Relu(),
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ChainLayerKind.Conv => $"Conv({Filters}, {Kernel}, s: {Stride}, groups: {Groups}, bias: {Bias})",
        ChainLayerKind.DepthwiseConv => $"DepthwiseConv({Kernel}, {DepthMultiplier}, s: {Stride}, bias: {Bias})",
        ChainLayerKind.SeparableConv => $"SeparableConv({Filters}, {Kernel}, s: {Stride}, depthMultiplier: {DepthMultiplier}, bias: {Bias})",
        ChainLayerKind.BatchNorm => $"BatchNorm(center: {Center}, scale: {Scale})",
        ChainLayerKind.MaxPool => $"MaxPool({Kernel}, s: {Stride})",
        _ => "Relu()",
    };
}
