namespace FluentNets.Layers;

/// <summary>
/// A convolution or pooling window resolved against its input: kernel, stride, dilation and the
/// zero padding actually applied on each side. SAME padding is resolved here, so a backend
/// reads the pads instead of re-deriving TensorFlow's rule.
/// </summary>
/// <param name="Kernel">Kernel (or pool) size.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Dilation">Dilation; 1 for pooling.</param>
/// <param name="PadTop">Rows of padding above.</param>
/// <param name="PadBottom">Rows of padding below.</param>
/// <param name="PadLeft">Columns of padding on the left.</param>
/// <param name="PadRight">Columns of padding on the right.</param>
public sealed record Window2D(Size2 Kernel, Size2 Stride, Size2 Dilation, int PadTop, int PadBottom, int PadLeft, int PadRight)
{
    /// <summary>The kernel's extent once dilated: D(F - 1) + 1 along each axis.</summary>
    public Size2 EffectiveKernel => new(
        ShapeRules.EffectiveKernel(Kernel.H, Dilation.H),
        ShapeRules.EffectiveKernel(Kernel.W, Dilation.W));

    /// <summary>True when no side is padded.</summary>
    public bool IsUnpadded => PadTop == 0 && PadBottom == 0 && PadLeft == 0 && PadRight == 0;

    /// <summary>True when top equals bottom and left equals right, so a symmetric padding argument can express it.</summary>
    public bool IsSymmetric => PadTop == PadBottom && PadLeft == PadRight;
}
