namespace FluentNets.Verification;

/// <summary>Adds a <see cref="WindowLayer"/> through the DSL's fluent calls.</summary>
public static class WindowLayerExtensions
{
    /// <summary>
    /// Adds the layer with its automatic name. Pools ignore <paramref name="filters"/>,
    /// <paramref name="depthMultiplier"/> and <paramref name="dilation"/>; a null stride is the
    /// layer's default (1 for convolutions, the pool size for pooling).
    /// </summary>
    public static Net<Image> Add(
        this Net<Image> x, WindowLayer layer, Size2 kernel, Size2? stride, Padding pad, int filters = 1, int depthMultiplier = 1, Size2? dilation = null) =>
        layer switch
        {
            WindowLayer.Conv => x.Conv(filters, kernel, s: stride, pad: pad, dilation: dilation),
            WindowLayer.DepthwiseConv => x.DepthwiseConv(kernel, depthMultiplier, s: stride, pad: pad, dilation: dilation),
            WindowLayer.SeparableConv => x.SeparableConv(filters, kernel, s: stride, pad: pad, depthMultiplier: depthMultiplier, dilation: dilation),
            WindowLayer.MaxPool => x.MaxPool(kernel, s: stride, pad: pad),
            _ => x.AvgPool(kernel, s: stride, pad: pad),
        };
}
