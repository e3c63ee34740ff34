namespace FluentNets;

/// <summary>An element-wise activation, fused into a layer or applied as a layer of its own.</summary>
public enum Activation
{
    /// <summary>Identity (Keras <c>"linear"</c>).</summary>
    None,

    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>Softmax over the last (channel) axis.</summary>
    Softmax,

    /// <summary>
    /// x for x &gt; 0, alpha x otherwise: alpha is <see cref="ActivationNames.FusedLeakyReluAlpha"/>
    /// when fused into a layer (Keras's <c>leaky_relu</c> function), 0.3 or the given slope for the
    /// standalone layer (Keras's <c>LeakyReLU</c> layer).
    /// </summary>
    LeakyRelu,

    /// <summary>x * sigmoid(x), also called swish.</summary>
    Silu,
}

/// <summary>Names of activations as Keras spells them.</summary>
public static class ActivationNames
{
    /// <summary>The negative slope of a LeakyReLU fused into a layer: 0.2, the default of Keras's <c>leaky_relu</c> function.</summary>
    public const double FusedLeakyReluAlpha = 0.2;

    /// <summary>The Keras name: <c>relu</c>, <c>softmax</c>, <c>linear</c>...</summary>
    public static string ToKeras(this Activation activation) => activation switch
    {
        Activation.None => "linear",
        Activation.Relu => "relu",
        Activation.Sigmoid => "sigmoid",
        Activation.Tanh => "tanh",
        Activation.Softmax => "softmax",
        Activation.LeakyRelu => "leaky_relu",
        Activation.Silu => "silu",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
