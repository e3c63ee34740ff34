using System.Numerics;

namespace FluentNets.Backends.Reference;

/// <summary>
/// An activation batch in (N, C, H, W) row-major order; a vector batch is (N, C) and is stored
/// as (N, C, 1, 1), so element-wise and per-channel kernels serve both.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class Tensor<T>
    where T : IFloatingPointIeee754<T>
{
    private Tensor(int n, int c, int h, int w, bool isImage)
    {
        N = n;
        C = c;
        H = h;
        W = w;
        IsImage = isImage;
        Data = new T[(long)n * c * h * w];
    }

    public int N { get; }

    public int C { get; }

    public int H { get; }

    public int W { get; }

    /// <summary>True for (N, C, H, W), false for (N, C).</summary>
    public bool IsImage { get; }

    public T[] Data { get; }

    /// <summary>Elements of one channel of one example: H * W.</summary>
    public int Plane => H * W;

    public T this[int n, int c, int h, int w]
    {
        get => Data[Index(n, c, h, w)];
        set => Data[Index(n, c, h, w)] = value;
    }

    public static Tensor<T> Image(int n, int c, int h, int w) => new(n, c, h, w, isImage: true);

    public static Tensor<T> Vector(int n, int c) => new(n, c, 1, 1, isImage: false);

    /// <summary>A zero batch of <paramref name="n"/> examples of a DSL shape.</summary>
    public static Tensor<T> Of(Shape shape, int n) =>
        shape.IsImage ? Image(n, shape.Channels, shape.Height, shape.Width) : Vector(n, shape.Channels);

    /// <summary>A zero tensor of the same shape.</summary>
    public Tensor<T> Like() => new(N, C, H, W, IsImage);

    public static Tensor<T> FromHost(HostTensor host, Shape shape)
    {
        var t = Of(shape, host.Shape[0]);
        for (int i = 0; i < t.Data.Length; i++)
        {
            t.Data[i] = T.CreateChecked(host.Data[i]);
        }

        return t;
    }

    public HostTensor ToHost() => new(IsImage ? [N, C, H, W] : [N, C], Data.Select(float.CreateTruncating).ToArray());

    public int Index(int n, int c, int h, int w) => ((n * C + c) * H + h) * W + w;
}
