using FluentNets.Activations;

namespace FluentNets;

/// <summary>
/// An element-wise activation (softmax: over the channel axis), fused into a layer or applied as a
/// layer of its own. A value: an activation with arguments carries them (<c>Activation.Relu with
/// { MaxValue = 6 }</c>, <c>new Gelu(Approximate: true)</c>), and two activations with the same
/// arguments are equal. The kinds live in <see cref="FluentNets.Activations"/>; this class names the
/// common ones as Keras's string names do (<c>"relu"</c>, <c>"hard_swish"</c>).
/// </summary>
public abstract record Activation
{
    private protected Activation()
    {
    }

    /// <summary>Identity, Keras's <c>"linear"</c>: nothing is applied.</summary>
    public static Linear None { get; } = new();

    /// <summary>max(x, 0).</summary>
    public static Relu Relu { get; } = new();

    /// <summary>min(max(x, 0), 6): ReLU with Keras's <c>max_value=6</c> (MobileNets' ReLU6).</summary>
    public static Relu Relu6 { get; } = new(MaxValue: 6);

    /// <summary>1 / (1 + e^-x).</summary>
    public static Sigmoid Sigmoid { get; } = new();

    /// <summary>Hyperbolic tangent.</summary>
    public static Tanh Tanh { get; } = new();

    /// <summary>Softmax over the channel axis.</summary>
    public static Softmax Softmax { get; } = new();

    /// <summary>
    /// x for x &gt; 0, alpha x otherwise, with Keras's default slope for where it is used: 0.2 fused into a
    /// layer (Keras's <c>leaky_relu</c> function), 0.3 as a layer of its own (Keras's <c>LeakyReLU</c> layer).
    /// </summary>
    public static LeakyRelu LeakyRelu { get; } = new();

    /// <summary>x * sigmoid(x), also called swish.</summary>
    public static Silu Silu { get; } = new();

    /// <summary>The exact GELU, x * Phi(x) with the normal distribution's CDF (Keras 3's default, PyTorch's <c>approximate='none'</c>).</summary>
    public static Gelu Gelu { get; } = new();

    /// <summary>GELU's tanh approximation (PyTorch's <c>approximate='tanh'</c>, Keras's <c>approximate=True</c>).</summary>
    public static Gelu GeluTanh { get; } = new(Approximate: true);

    /// <summary>relu6(x + 3) / 6, as Keras 3 and PyTorch define it.</summary>
    public static HardSigmoid HardSigmoid { get; } = new();

    /// <summary>x * relu6(x + 3) / 6 (Keras 3's <c>hard_swish</c>, PyTorch's <c>Hardswish</c>).</summary>
    public static HardSwish HardSwish { get; } = new();

    /// <summary>x for x &gt; 0, alpha (e^x - 1) otherwise, alpha 1.</summary>
    public static Elu Elu { get; } = new();

    /// <summary>Scaled ELU with the self-normalising constants.</summary>
    public static Selu Selu { get; } = new();

    /// <summary>log(1 + e^x).</summary>
    public static Softplus Softplus { get; } = new();

    /// <summary>x / (1 + |x|).</summary>
    public static Softsign Softsign { get; } = new();

    /// <summary>x * tanh(softplus(x)).</summary>
    public static Mish Mish { get; } = new();

    /// <summary>The name Keras gives the function: <c>relu</c>, <c>hard_sigmoid</c>, <c>linear</c>...</summary>
    public abstract string KerasName { get; }

    /// <summary>
    /// The Keras layer class of this activation as a layer of its own: <c>Activation</c>, or the class
    /// Keras has for it (<c>LeakyReLU</c>).
    /// </summary>
    public virtual string KerasLayer => "Activation";

    /// <summary>Whether nothing is applied (<see cref="None"/>).</summary>
    public virtual bool IsIdentity => false;

    /// <summary>Why the arguments cannot be used, in Keras's wording, or null when they can.</summary>
    public virtual string? Invalid => null;
}
