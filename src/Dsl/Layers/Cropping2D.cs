using FluentNets.Analysis;
using FluentNets.Graph;

namespace FluentNets.Layers;

/// <summary>Keras's <c>Cropping2D</c>: rows and columns removed from each side (NASNet's shifted path).</summary>
/// <param name="Top">Rows removed at the top.</param>
/// <param name="Bottom">Rows removed at the bottom.</param>
/// <param name="Left">Columns removed on the left.</param>
/// <param name="Right">Columns removed on the right.</param>
public sealed record Cropping2D(int Top, int Bottom, int Left, int Right) : LayerSpec
{
    /// <inheritdoc />
    public override string KerasType => "Cropping2D";

    /// <inheritdoc />
    public override string NamePrefix => "cropping2d";

    /// <inheritdoc />
    public override LayerOutput Infer(LayerContext context)
    {
        context.Require(
            Top >= 0 && Bottom >= 0 && Left >= 0 && Right >= 0,
            $"cropping must not be negative. Received: cropping=({Top}, {Bottom}, {Left}, {Right}).");
        var s = context.Input;
        int h = s.Height - Top - Bottom, w = s.Width - Left - Right;
        if (h <= 0 || w <= 0)
        {
            throw context.Fail($"cropping ({Top}, {Bottom}, {Left}, {Right}) leaves nothing of {s}: {s.Height} - {Top} - {Bottom} = {h} rows, {s.Width} - {Left} - {Right} = {w} columns.");
        }

        return new LayerOutput(Shape.Image(h, w, s.Channels));
    }

    /// <inheritdoc />
    public override ReceptiveField Field(ReceptiveField input, Node node) => input.Shifted(-Top, -Left);
}
