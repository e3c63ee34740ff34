namespace FluentNets.Verification;

/// <summary>
/// The arithmetic the DSL must agree with, written again from the papers and the Keras docs
/// instead of calling <see cref="ShapeRules"/> or a layer's own counts: a property that compared
/// the DSL with itself could never fail.
/// </summary>
public static class Oracle
{
    /// <summary>F_eff = D(F - 1) + 1.</summary>
    public static int EffectiveKernel(int kernel, int dilation) => dilation * (kernel - 1) + 1;

    /// <summary>floor((N + P_total - F_eff) / S) + 1; below 1 when the window does not fit.</summary>
    public static int OutputSize(int n, int kernel, int stride, int dilation, int padTotal) =>
        Floor(n + padTotal - EffectiveKernel(kernel, dilation), stride) + 1;

    /// <summary>SAME padding's output: ceil(N / S).</summary>
    public static int SameOutputSize(int n, int stride) => (int)Math.Ceiling(n / (double)stride);

    /// <summary>
    /// TensorFlow's SAME pads: total = max((out - 1) S + F_eff - N, 0), before = floor(total / 2),
    /// after = the rest.
    /// </summary>
    public static (int Before, int After) SamePads(int n, int kernel, int stride, int dilation)
    {
        int total = Math.Max(((SameOutputSize(n, stride) - 1) * stride) + EffectiveKernel(kernel, dilation) - n, 0);
        int before = total / 2;
        return (before, total - before);
    }

    /// <summary>
    /// The zero padding a window applies on each side: none for valid, TensorFlow's for SAME, the
    /// given pads for explicit padding.
    /// </summary>
    public static ExplicitPadding Pads(int height, int width, Size2 kernel, Size2 stride, Size2 dilation, Padding padding)
    {
        ArgumentNullException.ThrowIfNull(padding);
        if (padding is ExplicitPadding e)
        {
            return e;
        }

        if (padding is SamePadding)
        {
            var (top, bottom) = SamePads(height, kernel.H, stride.H, dilation.H);
            var (left, right) = SamePads(width, kernel.W, stride.W, dilation.W);
            return new ExplicitPadding(top, bottom, left, right);
        }

        return new ExplicitPadding(0, 0, 0, 0);
    }

    /// <summary>
    /// A window's output height and width: ceil(N / S) under SAME padding, the size formula with
    /// the pads otherwise; a size below 1 means the window does not fit.
    /// </summary>
    public static (int Height, int Width) WindowOutput(int height, int width, Size2 kernel, Size2 stride, Size2 dilation, Padding padding)
    {
        ArgumentNullException.ThrowIfNull(padding);
        if (padding is SamePadding)
        {
            return (SameOutputSize(height, stride.H), SameOutputSize(width, stride.W));
        }

        var pads = Pads(height, width, kernel, stride, dilation, padding);
        return (
            OutputSize(height, kernel.H, stride.H, dilation.H, pads.Top + pads.Bottom),
            OutputSize(width, kernel.W, stride.W, dilation.W, pads.Left + pads.Right));
    }

    /// <summary>Strict mode's rule for a window that fits: the stride divides N - F_eff + P_total.</summary>
    public static bool Divides(int n, int kernel, int stride, int dilation, int padTotal) =>
        (n - EffectiveKernel(kernel, dilation) + padTotal) % stride == 0;

    /// <summary>
    /// PyTorch's <c>ceil_mode</c> output of a pooling window (<c>pooling_output_shape</c> in ATen's
    /// Pool.h): ceil((N + P_total - F) / S) + 1, one less when the last window would start in the
    /// right padding, (out - 1) S &gt;= N + P_before; below 1 when the window does not fit.
    /// </summary>
    public static int CeilOutputSize(int n, int kernel, int stride, int padBefore, int padAfter)
    {
        int span = n + padBefore + padAfter - kernel;
        if (span < 0)
        {
            return 0;
        }

        int output = (int)Math.Ceiling(span / (double)stride) + 1;
        return (output - 1) * stride >= n + padBefore ? output - 1 : output;
    }

    /// <summary>
    /// PyTorch's rule for padded pooling, per axis: a pad may be at most half the pool along its
    /// own axis, so no window lies wholly in padding.
    /// </summary>
    public static bool PoolPadsAllowed(Size2 pool, ExplicitPadding pads)
    {
        ArgumentNullException.ThrowIfNull(pads);
        return Math.Max(pads.Top, pads.Bottom) <= pool.H / 2 && Math.Max(pads.Left, pads.Right) <= pool.W / 2;
    }

    /// <summary>
    /// Whether some stride S takes a side of <paramref name="n"/> to <paramref name="output"/> as
    /// a 1x1 projection does (ceil(N / S) = O), found by trying every stride up to N.
    /// </summary>
    public static bool SomeStrideReaches(int n, int output) =>
        Enumerable.Range(1, Math.Max(n, 1)).Any(s => SameOutputSize(n, s) == output);

    /// <summary>Output channels of a window layer.</summary>
    public static int Channels(WindowLayer layer, int inputChannels, int filters, int depthMultiplier) => layer switch
    {
        WindowLayer.Conv or WindowLayer.SeparableConv => filters,
        WindowLayer.DepthwiseConv => inputChannels * depthMultiplier,
        _ => inputChannels,
    };

    /// <summary>The name Keras gives the first layer of a kind.</summary>
    public static string KerasName(WindowLayer layer) => layer switch
    {
        WindowLayer.Conv => "conv2d",
        WindowLayer.DepthwiseConv => "depthwise_conv2d",
        WindowLayer.SeparableConv => "separable_conv2d",
        WindowLayer.MaxPool => "max_pooling2d",
        _ => "average_pooling2d",
    };

    /// <summary>Keras's automatic names: the prefix, then prefix_1, prefix_2... for later layers of the kind.</summary>
    public static string AutoName(string prefix, int index) => index == 0 ? prefix : $"{prefix}_{index}";

    /// <summary>Conv2D: Kh Kw (C_in / groups) F weights and F biases.</summary>
    public static long ConvParams(Size2 kernel, int inputChannels, int groups, int filters, bool bias) =>
        ((long)kernel.H * kernel.W * (inputChannels / groups) * filters) + (bias ? filters : 0);

    /// <summary>DepthwiseConv2D: Kh Kw C_in M weights and C_in M biases.</summary>
    public static long DepthwiseParams(Size2 kernel, int inputChannels, int depthMultiplier, bool bias) =>
        ((long)kernel.H * kernel.W * inputChannels * depthMultiplier) + (bias ? inputChannels * depthMultiplier : 0);

    /// <summary>SeparableConv2D: the depthwise kernel, a 1x1 C_in M to F pointwise kernel, and F biases.</summary>
    public static long SeparableParams(Size2 kernel, int inputChannels, int depthMultiplier, int filters, bool bias) =>
        ((long)kernel.H * kernel.W * inputChannels * depthMultiplier) + ((long)inputChannels * depthMultiplier * filters) + (bias ? filters : 0);

    /// <summary>Dense: in x units weights and units biases.</summary>
    public static long DenseParams(int inputs, int units, bool bias) => ((long)inputs * units) + (bias ? units : 0);

    /// <summary>BatchNormalization: gamma and beta are trained, the moving mean and variance are not.</summary>
    public static (long Trainable, long NonTrainable) BatchNormParams(int channels, bool center, bool scale) =>
        ((center ? channels : 0) + (scale ? channels : 0), 2L * channels);

    /// <summary>
    /// Keras's Normalization with its statistics as state: the non-trainable weights mean (C),
    /// variance (C) and count (a scalar), as EfficientNet's layer <c>normalization</c> shows 7
    /// parameters on an RGB input.
    /// </summary>
    public static long NormalizationState(int channels) => (2L * channels) + 1;

    /// <summary>LayerNormalization over the channels: gamma (C) when scaling, beta (C) when centring.</summary>
    public static long LayerNormParams(int channels, bool center, bool scale) => (center ? channels : 0) + (scale ? channels : 0);

    /// <summary>
    /// Whether an activation's arguments break Keras's rules (a negative ReLU max_value,
    /// negative_slope or threshold, a negative LeakyReLU or ELU alpha) or the DSL's one addition,
    /// a ReLU cap below its threshold.
    /// </summary>
    public static bool ActivationArgumentsInvalid(Activation activation) => activation switch
    {
        Activations.Relu r => r.MaxValue < 0 || r.NegativeSlope < 0 || r.Threshold < 0 || r.MaxValue < r.Threshold,
        Activations.LeakyRelu l => l.Alpha < 0,
        Activations.Elu e => e.Alpha < 0,
        _ => false,
    };

    /// <summary>Conv2D: every output value is Kh Kw (C_in / groups) multiply-accumulates.</summary>
    public static long ConvMacs(int outHeight, int outWidth, int filters, Size2 kernel, int inputChannels, int groups) =>
        (long)outHeight * outWidth * filters * kernel.H * kernel.W * (inputChannels / groups);

    /// <summary>DepthwiseConv2D: every output value is Kh Kw multiply-accumulates.</summary>
    public static long DepthwiseMacs(int outHeight, int outWidth, int outChannels, Size2 kernel) =>
        (long)outHeight * outWidth * outChannels * kernel.H * kernel.W;

    /// <summary>SeparableConv2D: the depthwise step, then C_in M per pointwise output value.</summary>
    public static long SeparableMacs(int outHeight, int outWidth, int inputChannels, int depthMultiplier, int filters, Size2 kernel) =>
        ((long)outHeight * outWidth * inputChannels * depthMultiplier * kernel.H * kernel.W) +
        ((long)outHeight * outWidth * inputChannels * depthMultiplier * filters);

    /// <summary>Dense: in x units multiply-accumulates.</summary>
    public static long DenseMacs(int inputs, int units) => (long)inputs * units;

    private static int Floor(int numerator, int denominator)
    {
        int quotient = numerator / denominator;
        return numerator % denominator != 0 && numerator < 0 ? quotient - 1 : quotient;
    }
}
