using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>A <c>ZeroPadding2D</c>.</summary>
/// <param name="Top">Rows above.</param>
/// <param name="Bottom">Rows below.</param>
/// <param name="Left">Columns on the left.</param>
/// <param name="Right">Columns on the right.</param>
[Generates(typeof(ZeroPadding2D))]
public sealed record ZeroPadStage(int Top, int Bottom, int Left, int Right) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.ZeroPad((Top, Bottom, Left, Right));

    /// <inheritdoc />
    public override string ToString() => $".ZeroPad(({Top}, {Bottom}, {Left}, {Right}))";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        var output = input with { Height = input.Height + Top + Bottom, Width = input.Width + Left + Right };
        scope.Layer(scope.Propose(null, "zero_padding2d"), output.ToShape());
        return output;
    }
}
