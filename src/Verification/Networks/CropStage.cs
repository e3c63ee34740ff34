using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>Keras's <c>Cropping2D</c>: rows and columns removed from each side.</summary>
/// <param name="Top">Rows removed at the top.</param>
/// <param name="Bottom">Rows removed at the bottom.</param>
/// <param name="Left">Columns removed on the left.</param>
/// <param name="Right">Columns removed on the right.</param>
/// <param name="Name">Explicit layer name; automatic when null.</param>
[Generates(typeof(Cropping2D))]
public sealed record CropStage(int Top, int Bottom, int Left, int Right, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.Crop((Top, Bottom, Left, Right), Name);

    /// <inheritdoc />
    public override string ToString() => $".Crop(({Top}, {Bottom}, {Left}, {Right}){CSharp.Name(Name)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        string name = scope.Propose(Name, "cropping2d");
        var output = input with { Height = input.Height - Top - Bottom, Width = input.Width - Left - Right };
        if (output.Height < 1 || output.Width < 1)
        {
            return scope.Fail(name, input);
        }

        scope.Layer(name, output.ToShape());
        return output;
    }
}
