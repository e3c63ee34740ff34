using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>
/// Keras's <c>Reshape</c> there and back: the image to a vector of <see cref="Length"/> values, then
/// that vector to a <see cref="Height"/>x<see cref="Width"/>x<see cref="Channels"/> image, both in
/// (H, W, C) order.
/// </summary>
/// <param name="Length">The vector's length: the input's values, unless planted.</param>
/// <param name="Height">The new image's height.</param>
/// <param name="Width">The new image's width.</param>
/// <param name="Channels">The new image's channels.</param>
/// <param name="Name">Explicit name of the first reshape; automatic when null.</param>
[Generates(typeof(Reshape))]
public sealed record ReshapeStage(int Length, int Height, int Width, int Channels, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.Reshape(Length, Name).Reshape(Height, Width, Channels);

    /// <inheritdoc />
    public override string ToString() => $".Reshape({Length}{CSharp.Name(Name)}).Reshape({Height}, {Width}, {Channels})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        string vector = scope.Propose(Name, "reshape");
        if (Length != (long)input.Height * input.Width * input.Channels)
        {
            return scope.Fail(vector, input);
        }

        scope.Layer(vector, Shape.Vector(Length));
        string image = scope.Propose(null, "reshape");
        if ((long)Height * Width * Channels != Length || Height < 1 || Width < 1 || Channels < 1)
        {
            return scope.Fail(image, input);
        }

        var output = new ImageDims(Height, Width, Channels);
        scope.Layer(image, output.ToShape());
        return output;
    }
}
