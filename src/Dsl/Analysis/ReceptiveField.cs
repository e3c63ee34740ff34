using FluentNets.Layers;

namespace FluentNets.Analysis;

/// <summary>
/// The receptive field of a layer's output along one axis, in input pixels: its
/// <see cref="Size"/>, the <see cref="Jump"/> between neighbouring outputs, and the
/// <see cref="Start"/> (centre of the first output's field, pixel centres at 0.5, 1.5, ...).
/// See Dumoulin and Visin, "A guide to convolution arithmetic" (https://arxiv.org/abs/1603.07285).
/// </summary>
/// <param name="Size">Pixels seen along the axis.</param>
/// <param name="Jump">Input pixels between two neighbouring outputs.</param>
/// <param name="Start">Centre of the first output's field.</param>
public readonly record struct AxisField(long Size, long Jump, double Start)
{
    /// <summary>The input itself: one pixel, jump one, centred on the first pixel.</summary>
    public static AxisField Input => new(1, 1, 0.5);

    /// <summary>The field after a window of extent <paramref name="effectiveKernel"/>, stride and leading pad.</summary>
    public AxisField Through(int effectiveKernel, int stride, int padBefore) =>
        new(Size + (effectiveKernel - 1) * Jump, Jump * stride, Start + ((effectiveKernel - 1) / 2.0 - padBefore) * Jump);
}

/// <summary>The receptive field along both axes.</summary>
/// <param name="Rows">Along the height.</param>
/// <param name="Cols">Along the width.</param>
public readonly record struct ReceptiveField(AxisField Rows, AxisField Cols)
{
    /// <summary>The input's own field.</summary>
    public static ReceptiveField Input => new(AxisField.Input, AxisField.Input);

    /// <summary>The wider of two fields per axis, as seen by a merge of branches.</summary>
    public static ReceptiveField Widest(IEnumerable<ReceptiveField> fields) => fields.Aggregate((a, b) => new ReceptiveField(
        a.Rows.Size >= b.Rows.Size ? a.Rows : b.Rows,
        a.Cols.Size >= b.Cols.Size ? a.Cols : b.Cols));

    /// <summary>The field after a convolution or pooling window, its pads resolved.</summary>
    /// <param name="window">The layer's window.</param>
    public ReceptiveField Through(Window2D window)
    {
        var k = window.EffectiveKernel;
        return new ReceptiveField(Rows.Through(k.H, window.Stride.H, window.PadTop), Cols.Through(k.W, window.Stride.W, window.PadLeft));
    }

    /// <summary>The field after <paramref name="top"/> rows and <paramref name="left"/> columns are added before the map (negative: cropped).</summary>
    /// <param name="top">Rows added above.</param>
    /// <param name="left">Columns added on the left.</param>
    public ReceptiveField Shifted(int top, int left) => new(Rows.Through(1, 1, top), Cols.Through(1, 1, left));

    /// <summary>The field of an output that sees the whole of an input map of <paramref name="map"/>'s size (flattening, global pooling).</summary>
    /// <param name="map">The input map; a vector leaves the field as it is.</param>
    public ReceptiveField Covering(Shape map) =>
        map.IsImage ? new ReceptiveField(Rows.Through(map.Height, map.Height, 0), Cols.Through(map.Width, map.Width, 0)) : this;

    /// <summary><c>7x7</c>.</summary>
    public override string ToString() => $"{Rows.Size}x{Cols.Size}";
}
