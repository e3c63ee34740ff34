namespace FluentNets.Layers;

/// <summary>
/// How Keras names and lays out a parameter: its weight name (<c>kernel</c>, <c>depthwise_kernel</c>,
/// <c>gamma</c>, <c>moving_variance</c>), its shape in TensorFlow's layout, and the axes that take it to
/// PyTorch's: axis i of the permuted array is Keras's axis <see cref="Permutation"/>[i], and the permuted
/// array, read row by row, is the parameter in its PyTorch shape (a depthwise kernel's (H, W, C, M)
/// permuted to (C, M, H, W) is (C * M, 1, H, W) in memory).
/// </summary>
/// <param name="Name">Keras's weight name, as in <c>conv1/kernel:0</c>.</param>
/// <param name="Shape">The shape in Keras's layout.</param>
/// <param name="Permutation">For each axis of the permuted array, the Keras axis it is taken from.</param>
/// <param name="Aliases">Other names a Keras file may give it (a depthwise kernel saved as <c>kernel</c>).</param>
public sealed record KerasWeight(string Name, ValueList<int> Shape, ValueList<int> Permutation, ValueList<string> Aliases)
{
    /// <summary>A weight with Keras's <paramref name="name"/> whose layout is PyTorch's.</summary>
    /// <param name="name">Keras's weight name.</param>
    /// <param name="shape">The shape in both layouts.</param>
    public static KerasWeight Same(string name, int[] shape) => new(name, shape, Enumerable.Range(0, shape.Length).ToArray(), Array.Empty<string>());

    /// <summary>A convolution kernel: Keras's (H, W, in, out) is PyTorch's (out, in, H, W).</summary>
    /// <param name="name">Keras's weight name.</param>
    /// <param name="torchShape">PyTorch's (out, in, H, W).</param>
    public static KerasWeight ConvolutionKernel(string name, int[] torchShape) =>
        new(name, new[] { torchShape[2], torchShape[3], torchShape[1], torchShape[0] }, new[] { 3, 2, 0, 1 }, Array.Empty<string>());

    /// <summary>
    /// A depthwise kernel: Keras's (H, W, C, M) is PyTorch's (C * M, 1, H, W), output channel c * M + m as
    /// TensorFlow orders it. Keras's <c>DepthwiseConv2D</c> of some versions saves it as <c>kernel</c>.
    /// </summary>
    /// <param name="torchShape">PyTorch's (C * M, 1, H, W).</param>
    /// <param name="depthMultiplier">M.</param>
    public static KerasWeight DepthwiseKernel(int[] torchShape, int depthMultiplier) =>
        new("depthwise_kernel", new[] { torchShape[2], torchShape[3], torchShape[0] / depthMultiplier, depthMultiplier }, new[] { 2, 3, 0, 1 }, new[] { "kernel" });

    /// <summary>A dense kernel: Keras's (in, out) is PyTorch's (out, in).</summary>
    /// <param name="torchShape">PyTorch's (out, in).</param>
    public static KerasWeight DenseKernel(int[] torchShape) => new("kernel", new[] { torchShape[1], torchShape[0] }, new[] { 1, 0 }, Array.Empty<string>());

    /// <summary>
    /// Whether a Keras file's weight named <paramref name="name"/> is this one: its name or an alias, as it is or
    /// with Keras's automatic numbering (<see cref="IsNamed"/>).
    /// </summary>
    /// <param name="name">The last part of the file's weight name, without <c>:0</c>.</param>
    public bool Accepts(string name) => IsNamed(Name, name) || Aliases.Any(alias => IsNamed(alias, name));

    /// <summary>
    /// Whether <paramref name="name"/> is <paramref name="expected"/> or Keras's automatic numbering of it
    /// (<c>variable_3</c>): Keras 3 names a weight its layer adds without a name <c>variable</c>, <c>variable_1</c>,
    /// ... in the order the model's layers build them, as keras.applications' ConvNeXt <c>LayerScale</c> does.
    /// </summary>
    /// <param name="expected">The declared name or alias.</param>
    /// <param name="name">The name in the file.</param>
    public static bool IsNamed(string expected, string name)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(name);
        return name == expected
            || (name.Length > expected.Length + 1 && name.StartsWith(expected + "_", StringComparison.Ordinal)
                && name.Skip(expected.Length + 1).All(c => c is >= '0' and <= '9'));
    }
}
