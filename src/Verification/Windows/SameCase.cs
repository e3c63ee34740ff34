namespace FluentNets.Verification;

/// <summary>Any window layer with SAME padding on a random input.</summary>
/// <param name="Layer">The layer.</param>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="Channels">Input channels.</param>
/// <param name="Filters">Filters (convolutions that take them).</param>
/// <param name="DepthMultiplier">Depth multiplier (depthwise and separable).</param>
/// <param name="Kernel">Kernel or pool size.</param>
/// <param name="Stride">Stride; null for the layer's default.</param>
/// <param name="Dilation">Dilation; always 1 for pooling.</param>
public sealed record SameCase(WindowLayer Layer, int Height, int Width, int Channels, int Filters, int DepthMultiplier, Size2 Kernel, Size2? Stride, Size2 Dilation)
{
    /// <summary>The stride the layer uses.</summary>
    public Size2 EffectiveStride => Stride ?? (Layer is WindowLayer.MaxPool or WindowLayer.AvgPool ? Kernel : new Size2(1, 1));

    /// <summary>Adds the layer to <paramref name="x"/>.</summary>
    public Net<Image> AddTo(Net<Image> x) => x.Add(Layer, Kernel, Stride, Padding.Same, Filters, DepthMultiplier, Dilation);
}
