namespace FluentNets.Verification;

/// <summary>A max or average pool with explicit pads on a random input.</summary>
/// <param name="Layer">MaxPool or AvgPool.</param>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="Channels">Input channels.</param>
/// <param name="Pool">Pool size.</param>
/// <param name="Stride">Stride; null for the default, the pool size.</param>
/// <param name="Pads">Zero padding per side.</param>
public sealed record PoolCase(WindowLayer Layer, int Height, int Width, int Channels, Size2 Pool, Size2? Stride, ExplicitPadding Pads)
{
    /// <summary>The stride the layer uses.</summary>
    public Size2 EffectiveStride => Stride ?? Pool;

    /// <summary>Output height by the oracle; below 1 when the pool does not fit.</summary>
    public int OutHeight => Oracle.OutputSize(Height, Pool.H, EffectiveStride.H, 1, Pads.Top + Pads.Bottom);

    /// <summary>Output width by the oracle; below 1 when the pool does not fit.</summary>
    public int OutWidth => Oracle.OutputSize(Width, Pool.W, EffectiveStride.W, 1, Pads.Left + Pads.Right);

    /// <summary>Adds the layer to <paramref name="x"/>.</summary>
    public Net<Image> AddTo(Net<Image> x) => x.Add(Layer, Pool, Stride, Pads);
}
