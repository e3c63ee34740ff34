namespace FluentNets;

/// <summary>
/// The compile-time layout of the tensor a <see cref="Net{T}"/> handle produces. Only the two
/// sealed layouts below exist, so the C# compiler rejects a convolution on a vector or a dense
/// layer on an image before the program runs.
/// </summary>
public abstract class Layout
{
    private protected Layout()
    {
    }
}

/// <summary>A rank-3 activation per example: height x width x channels.</summary>
public sealed class Image : Layout
{
    private Image()
    {
    }
}

/// <summary>A rank-1 activation per example: a vector of features.</summary>
public sealed class Vector : Layout
{
    private Vector()
    {
    }
}
