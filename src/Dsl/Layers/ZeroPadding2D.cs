using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>Adds rows and columns of zeros around an image.</summary>
/// <param name="Top">Rows above.</param>
/// <param name="Bottom">Rows below.</param>
/// <param name="Left">Columns on the left.</param>
/// <param name="Right">Columns on the right.</param>
public sealed record ZeroPadding2D(int Top, int Bottom, int Left, int Right) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "ZeroPadding2D";

    /// <inheritdoc />
    public override string NamePrefix => "zero_padding2d";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(
            Top >= 0 && Bottom >= 0 && Left >= 0 && Right >= 0,
            $"padding must not be negative. Received: padding=({Top}, {Bottom}, {Left}, {Right}).");
        var s = context.Input;
        return new LayerOutput(Shape.Image(s.Height + Top + Bottom, s.Width + Left + Right, s.Channels));
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input.Shifted(Top, Left);
}
