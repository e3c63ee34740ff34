namespace FluentNets.Verification;

/// <summary>A convolution with explicit pads on a random input.</summary>
/// <param name="Layer">Conv, DepthwiseConv or SeparableConv.</param>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="Channels">Input channels.</param>
/// <param name="Filters">Filters (ignored by DepthwiseConv).</param>
/// <param name="DepthMultiplier">Depth multiplier (ignored by Conv).</param>
/// <param name="Kernel">Kernel size.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Dilation">Dilation.</param>
/// <param name="Pads">Zero padding per side.</param>
public sealed record ConvCase(
    WindowLayer Layer, int Height, int Width, int Channels, int Filters, int DepthMultiplier, Size2 Kernel, Size2 Stride, Size2 Dilation, ExplicitPadding Pads)
{
    /// <summary>Output height by the oracle; below 1 when the kernel does not fit.</summary>
    public int OutHeight => Oracle.OutputSize(Height, Kernel.H, Stride.H, Dilation.H, Pads.Top + Pads.Bottom);

    /// <summary>Output width by the oracle; below 1 when the kernel does not fit.</summary>
    public int OutWidth => Oracle.OutputSize(Width, Kernel.W, Stride.W, Dilation.W, Pads.Left + Pads.Right);

    /// <summary>Whether the kernel fits on both axes.</summary>
    public bool Fits => OutHeight >= 1 && OutWidth >= 1;

    /// <summary>Adds the layer to <paramref name="x"/>.</summary>
    public Net<Image> AddTo(Net<Image> x) => x.Add(Layer, Kernel, Stride, Pads, Filters, DepthMultiplier, Dilation);
}
