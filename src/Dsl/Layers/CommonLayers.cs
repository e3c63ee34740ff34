using FluentNets.Layers;

namespace FluentNets;

/// <summary>Layers that work on images and vectors alike: dropout and activations.</summary>
public static class CommonLayers
{
    /// <summary>Dropout at <paramref name="rate"/>, active only in training.</summary>
    /// <exception cref="NetBuildException">rate is outside [0, 1).</exception>
    public static Net<T> Dropout<T>(this Net<T> x, double rate, string? name = null)
        where T : Layout => x.Apply<T>(new Dropout(rate), name);

    /// <summary>An activation layer.</summary>
    /// <exception cref="NetBuildException">The function is <see cref="Activation.None"/>.</exception>
    public static Net<T> Activate<T>(this Net<T> x, Activation function, string? name = null)
        where T : Layout => x.Apply<T>(new ActivationLayer(function, function == Activation.LeakyRelu ? 0.3 : 0), name);

    /// <summary>max(x, 0).</summary>
    public static Net<T> Relu<T>(this Net<T> x, string? name = null)
        where T : Layout => x.Activate(Activation.Relu, name);

    /// <summary>The logistic sigmoid.</summary>
    public static Net<T> Sigmoid<T>(this Net<T> x, string? name = null)
        where T : Layout => x.Activate(Activation.Sigmoid, name);

    /// <summary>Hyperbolic tangent.</summary>
    public static Net<T> Tanh<T>(this Net<T> x, string? name = null)
        where T : Layout => x.Activate(Activation.Tanh, name);

    /// <summary>Softmax over the channel axis.</summary>
    public static Net<T> Softmax<T>(this Net<T> x, string? name = null)
        where T : Layout => x.Activate(Activation.Softmax, name);

    /// <summary>x * sigmoid(x).</summary>
    public static Net<T> Silu<T>(this Net<T> x, string? name = null)
        where T : Layout => x.Activate(Activation.Silu, name);

    /// <summary>Leaky ReLU with negative slope <paramref name="alpha"/> (Keras's default 0.3).</summary>
    /// <exception cref="NetBuildException">alpha is negative.</exception>
    public static Net<T> LeakyRelu<T>(this Net<T> x, double alpha = 0.3, string? name = null)
        where T : Layout => x.Apply<T>(new ActivationLayer(Activation.LeakyRelu, alpha), name);
}
