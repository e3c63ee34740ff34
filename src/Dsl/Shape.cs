using System.Collections.Immutable;

namespace FluentNets;

/// <summary>
/// The shape of one example's activation, without the batch axis: (H, W, C) for an image,
/// (C) for a vector, the order Keras prints.
/// </summary>
public sealed record Shape
{
    private Shape(ImmutableArray<int> dims) => Dims = dims;

    /// <summary>The dimensions, outermost first.</summary>
    public ImmutableArray<int> Dims { get; }

    /// <summary>True for an (H, W, C) image shape.</summary>
    public bool IsImage => Dims.Length == 3;

    /// <summary>Height of an image shape.</summary>
    public int Height => IsImage ? Dims[0] : throw new InvalidOperationException($"{this} has no height.");

    /// <summary>Width of an image shape.</summary>
    public int Width => IsImage ? Dims[1] : throw new InvalidOperationException($"{this} has no width.");

    /// <summary>Channels of an image, or the length of a vector.</summary>
    public int Channels => Dims[^1];

    /// <summary>Number of scalars in one example.</summary>
    public long Elements => Dims.Aggregate(1L, (n, d) => n * d);

    /// <summary>An image shape.</summary>
    public static Shape Image(int height, int width, int channels) => new([height, width, channels]);

    /// <summary>A vector shape.</summary>
    public static Shape Vector(int length) => new([length]);

    /// <summary>The shape as Keras prints it, with the batch axis: <c>(None, 28, 28, 6)</c>.</summary>
    public string ToKeras() => $"(None, {string.Join(", ", Dims)})";

    /// <summary>Dimensions joined by 'x', as error messages show them: <c>5x5x16</c>.</summary>
    public override string ToString() => string.Join("x", Dims);

    /// <summary>Structural equality over the dimensions.</summary>
    public bool Equals(Shape? other) => other is not null && Dims.SequenceEqual(other.Dims);

    /// <inheritdoc />
    public override int GetHashCode() => Dims.Aggregate(17, (h, d) => h * 31 + d);
}
