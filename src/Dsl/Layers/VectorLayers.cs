using FluentNets.Layers;

namespace FluentNets;

/// <summary>Layers that only make sense on a vector.</summary>
public static class VectorLayers
{
    /// <summary>A fully connected layer (Keras <c>Dense</c>).</summary>
    /// <param name="x">The input.</param>
    /// <param name="units">Output features.</param>
    /// <param name="bias">Whether a bias is added.</param>
    /// <param name="activation">Fused activation.</param>
    /// <param name="l2">L2 kernel regularisation factor.</param>
    /// <param name="name">Layer name; automatic (<c>dense</c>, <c>dense_1</c>...) when omitted.</param>
    /// <exception cref="NetBuildException">units is not positive or l2 is negative.</exception>
    public static Net<Vector> Dense(
        this Net<Vector> x, int units, bool bias = true, Activation? activation = null, double l2 = 0, string? name = null) =>
        x.Apply<Vector>(new Dense(units, bias, activation ?? Activation.None, l2), name);

    /// <summary>Keras's <c>Reshape((height, width, channels))</c> of a vector of as many values, in (H, W, C) order.</summary>
    /// <exception cref="NetBuildException">The vector does not hold height * width * channels values.</exception>
    public static Net<Image> Reshape(this Net<Vector> x, int height, int width, int channels, string? name = null) =>
        x.Apply<Image>(new Reshape(Shape.Image(height, width, channels)), name);
}
