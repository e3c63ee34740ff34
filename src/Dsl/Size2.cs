namespace FluentNets;

/// <summary>
/// A pair of sizes along height and width. Converts implicitly from an int (square) and from
/// a tuple, so kernels and strides are written <c>3</c> or <c>(1, 7)</c>.
/// </summary>
/// <param name="H">Size along the height axis.</param>
/// <param name="W">Size along the width axis.</param>
public readonly record struct Size2(int H, int W)
{
    /// <summary>A square size.</summary>
    public static implicit operator Size2(int size) => new(size, size);

    /// <summary>A (height, width) size.</summary>
    public static implicit operator Size2((int H, int W) size) => new(size.H, size.W);

    /// <summary>True when both sizes are equal.</summary>
    public bool IsSquare => H == W;

    /// <summary><c>3x3</c>, or <c>1x7</c>.</summary>
    public override string ToString() => $"{H}x{W}";
}
