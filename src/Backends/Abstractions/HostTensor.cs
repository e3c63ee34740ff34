namespace FluentNets.Backends;

/// <summary>
/// A dense float32 tensor in host memory, the only tensor type that crosses the backend
/// boundary. Images are batch-first and channel-planar (N, C, H, W) as PyTorch lays them out;
/// vectors are (N, C); weights use PyTorch's layouts (a convolution kernel is (F, C/groups, Kh, Kw),
/// a dense kernel (out, in)).
/// </summary>
public sealed class HostTensor
{
    /// <summary>Wraps <paramref name="data"/> (not copied) with a shape whose product is its length.</summary>
    /// <exception cref="ArgumentException">The shape's product is not the data's length, or a dimension is negative.</exception>
    public HostTensor(int[] shape, float[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        if (shape.Any(d => d < 0) || shape.Aggregate(1L, (n, d) => n * d) != data.LongLength)
        {
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] does not hold {data.Length} elements.", nameof(shape));
        }

        Shape = shape;
        Data = data;
    }

    /// <summary>The dimensions, outermost first.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The elements in row-major order.</summary>
    public float[] Data { get; }

    /// <summary>A tensor of zeros.</summary>
    public static HostTensor Zeros(params int[] shape) => new(shape, new float[shape.Aggregate(1, (n, d) => n * d)]);

    /// <summary>The batch-first shape of <paramref name="batch"/> examples of a DSL shape: (N, C, H, W) or (N, C).</summary>
    public static int[] BatchShape(Shape shape, int batch)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.IsImage ? [batch, shape.Channels, shape.Height, shape.Width] : [batch, shape.Channels];
    }

    /// <summary><c>[2, 3, 32, 32]</c>.</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";

    /// <inheritdoc />
    public override string ToString() => $"HostTensor{ShapeText}";
}
