using FluentNets.Activations;
using FluentNets.Layers;

namespace FluentNets;

/// <summary>Layers that work on images and vectors alike: dropout and activations.</summary>
public static class CommonLayers
{
    /// <summary>Dropout at <paramref name="rate"/>, active only in training.</summary>
    /// <exception cref="NetBuildException">rate is outside [0, 1).</exception>
    public static Net<T> Dropout<T>(this Net<T> x, double rate, string? name = null)
        where T : Layout => x.Apply<T>(new Dropout(rate), name);

    /// <summary>
    /// Stochastic depth on a residual branch: in training each example's whole branch is dropped with
    /// probability <paramref name="rate"/> and kept ones are scaled by 1 / (1 - rate); the identity at
    /// inference. Keras writes it as <c>Dropout(rate, noise_shape=(None, 1, 1, 1))</c>, torchvision as
    /// <c>StochasticDepth(rate, "row")</c>.
    /// </summary>
    /// <exception cref="NetBuildException">rate is outside [0, 1).</exception>
    public static Net<T> StochasticDepth<T>(this Net<T> x, double rate, string? name = null)
        where T : Layout => x.Apply<T>(new Dropout(rate, PerExample: true), name);

    /// <summary>An activation layer: Keras's <c>Activation(function)</c>, or its own class (<c>LeakyReLU</c>) where Keras has one.</summary>
    /// <param name="x">The input.</param>
    /// <param name="function">The activation; a <see cref="LeakyRelu"/> without a slope takes the layer's default, 0.3.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="kerasClass">
    /// The Keras class the layer is, when not the function's own: <c>"ReLU"</c> for <c>keras.layers.ReLU()</c>
    /// without arguments (MobileNetV3's), which Keras names automatically <c>re_lu</c>, <c>re_lu_1</c>...
    /// </param>
    /// <exception cref="NetBuildException">The function is <see cref="Activation.None"/> or its arguments are out of range.</exception>
    public static Net<T> Activate<T>(this Net<T> x, Activation function, string? name = null, string? kerasClass = null)
        where T : Layout =>
        x.Apply<T>(new ActivationLayer(function is LeakyRelu { Alpha: null } ? new LeakyRelu(Activations.LeakyRelu.LayerAlpha) : function, kerasClass), name);

    /// <summary>
    /// The identity as a layer of its own, Keras's <c>Activation("linear")</c>: no weights, the input unchanged.
    /// keras.applications' ConvNeXt has one in every block (<c>convnext_tiny_stage_0_block_0_identity</c>).
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="name">Layer name; Keras's automatic one is <c>activation</c>, as for every <c>Activation</c> layer.</param>
    public static Net<T> Identity<T>(this Net<T> x, string? name = null)
        where T : Layout => x.Apply<T>(ActivationLayer.Linear, name);

    /// <summary>
    /// max(x, 0) as Keras's <c>Activation("relu")</c>; with any argument, Keras's <c>ReLU</c> layer:
    /// <c>Relu(maxValue: 6)</c> is ReLU6.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="maxValue">The cap, or null for none.</param>
    /// <param name="negativeSlope">The slope below the threshold.</param>
    /// <param name="threshold">Where the function turns.</param>
    /// <exception cref="NetBuildException">An argument is negative, or the cap is below the threshold.</exception>
    public static Net<T> Relu<T>(this Net<T> x, string? name = null, double? maxValue = null, double negativeSlope = 0, double threshold = 0)
        where T : Layout
    {
        var relu = new Relu(maxValue, negativeSlope, threshold);
        return x.Apply<T>(new ActivationLayer(relu, relu.IsPlain ? null : "ReLU"), name);
    }

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

    /// <summary>GELU, exact or (<paramref name="approximate"/>) in its tanh form.</summary>
    public static Net<T> Gelu<T>(this Net<T> x, bool approximate = false, string? name = null)
        where T : Layout => x.Activate(approximate ? Activation.GeluTanh : Activation.Gelu, name);

    /// <summary>relu6(x + 3) / 6, as Keras 3 and PyTorch define it.</summary>
    public static Net<T> HardSigmoid<T>(this Net<T> x, string? name = null)
        where T : Layout => x.Activate(Activation.HardSigmoid, name);

    /// <summary>x * relu6(x + 3) / 6.</summary>
    public static Net<T> HardSwish<T>(this Net<T> x, string? name = null)
        where T : Layout => x.Activate(Activation.HardSwish, name);

    /// <summary>Leaky ReLU with negative slope <paramref name="alpha"/> (Keras's default 0.3).</summary>
    /// <exception cref="NetBuildException">alpha is negative.</exception>
    public static Net<T> LeakyRelu<T>(this Net<T> x, double alpha = Activations.LeakyRelu.LayerAlpha, string? name = null)
        where T : Layout => x.Apply<T>(new ActivationLayer(new LeakyRelu(alpha)), name);

    /// <summary>Keras's <c>Rescaling</c>: x * <paramref name="scale"/> + <paramref name="offset"/>.</summary>
    /// <exception cref="NetBuildException">scale or offset is not finite.</exception>
    public static Net<T> Rescale<T>(this Net<T> x, double scale, double offset = 0, string? name = null)
        where T : Layout => x.Apply<T>(new Rescaling(new[] { scale }, new[] { offset }), name);

    /// <summary>Keras's <c>Rescaling</c> with one factor and one offset per channel.</summary>
    /// <exception cref="NetBuildException">A list has neither one value nor one per channel.</exception>
    public static Net<T> Rescale<T>(this Net<T> x, double[] scale, double[] offset, string? name = null)
        where T : Layout => x.Apply<T>(new Rescaling(scale, offset), name);

    /// <summary>
    /// Keras's <c>Normalization</c> over the channels with its mean and variance as saved state (the
    /// weights <c>mean</c>, <c>variance</c> and <c>count</c> of EfficientNet's files).
    /// </summary>
    public static Net<T> Normalize<T>(this Net<T> x, string? name = null)
        where T : Layout => x.Apply<T>(new Normalization(), name);

    /// <summary>Keras's <c>Normalization</c> over the channels with the given constants.</summary>
    /// <exception cref="NetBuildException">The lists do not have one value per channel, or a variance is negative.</exception>
    public static Net<T> Normalize<T>(this Net<T> x, double[] mean, double[] variance, string? name = null)
        where T : Layout => x.Apply<T>(new Normalization(mean, variance), name);

    /// <summary>Layer normalisation over the channels of each position (Keras's default epsilon 1e-3).</summary>
    /// <exception cref="NetBuildException">epsilon is not positive.</exception>
    public static Net<T> LayerNorm<T>(this Net<T> x, double epsilon = 1e-3, bool center = true, bool scale = true, string? name = null)
        where T : Layout => x.Apply<T>(new LayerNormalization(epsilon, center, scale), name);

    /// <summary>A learned factor per channel, starting at <paramref name="initialValue"/> (ConvNeXt's layer scale).</summary>
    public static Net<T> LayerScale<T>(this Net<T> x, double initialValue = 1e-6, string? name = null)
        where T : Layout => x.Apply<T>(new LayerScale(initialValue), name);
}
