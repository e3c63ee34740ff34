using System.Collections.Immutable;
using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets;

/// <summary>Starts networks and merges branches.</summary>
public static class Net
{
    /// <summary>Starts a network on an image input of height x width x channels.</summary>
    /// <param name="height">Image height, positive.</param>
    /// <param name="width">Image width, positive.</param>
    /// <param name="channels">Image channels, positive.</param>
    /// <param name="strict">
    /// Reject any window whose (N - F + 2P) is not divisible by its stride, instead of flooring
    /// like Keras and PyTorch.
    /// </param>
    /// <param name="name">Name of the input layer.</param>
    /// <exception cref="NetBuildException">A size is not positive, or the name is empty or contains '/'.</exception>
    public static Net<Image> Input(int height, int width, int channels, bool strict = false, string name = "input_1")
    {
        var shape = Shape.Image(height, width, channels);
        if (height <= 0 || width <= 0 || channels <= 0)
        {
            throw new NetBuildException(name, [shape], $"{name}: input sizes must be positive. Received: height={height}, width={width}, channels={channels}.");
        }

        return Start<Image>(shape, strict, name);
    }

    /// <summary>Starts a network on a vector input.</summary>
    /// <param name="features">Length of the vector, positive.</param>
    /// <param name="name">Name of the input layer.</param>
    /// <exception cref="NetBuildException">The length is not positive, or the name is empty or contains '/'.</exception>
    public static Net<Vector> Input(int features, string name = "input_1")
    {
        var shape = Shape.Vector(features);
        if (features <= 0)
        {
            throw new NetBuildException(name, [shape], $"{name}: input sizes must be positive. Received: features={features}.");
        }

        return Start<Vector>(shape, strict: false, name);
    }

    /// <summary>Concatenates images along channels; every branch must have the same height and width.</summary>
    /// <exception cref="NetBuildException">Sizes differ; the message lists every branch with its name and shape.</exception>
    public static Net<Image> Concat(params Net<Image>[] branches) => Merge<Image, Image>(new Concatenate(), null, branches);

    /// <summary>Concatenates images along channels, naming the layer.</summary>
    /// <exception cref="NetBuildException">Sizes differ; the message lists every branch with its name and shape.</exception>
    public static Net<Image> Concat(string name, params Net<Image>[] branches) => Merge<Image, Image>(new Concatenate(), name, branches);

    /// <summary>Concatenates vectors end to end.</summary>
    /// <exception cref="NetBuildException">The vectors come from different networks.</exception>
    public static Net<Vector> Concat(params Net<Vector>[] branches) => Merge<Vector, Vector>(new Concatenate(), null, branches);

    /// <summary>Adds inputs of one shape element-wise.</summary>
    /// <exception cref="NetBuildException">Shapes differ.</exception>
    public static Net<T> Add<T>(params Net<T>[] inputs)
        where T : Layout => Merge<T, T>(new Layers.Add(), null, inputs);

    /// <summary>Adds inputs of one shape element-wise, naming the layer.</summary>
    /// <exception cref="NetBuildException">Shapes differ.</exception>
    public static Net<T> Add<T>(string name, params Net<T>[] inputs)
        where T : Layout => Merge<T, T>(new Layers.Add(), name, inputs);

    /// <summary>Multiplies inputs of one shape element-wise.</summary>
    /// <exception cref="NetBuildException">Shapes differ.</exception>
    public static Net<T> Multiply<T>(params Net<T>[] inputs)
        where T : Layout => Merge<T, T>(new Layers.Multiply(), null, inputs);

    /// <summary>
    /// Multiplies inputs of one shape element-wise, naming the layer; a 1x1xC image scales each channel of an
    /// HxWxC image (Keras's <c>multiply([x, se])</c> in squeeze-and-excitation).
    /// </summary>
    /// <exception cref="NetBuildException">Shapes differ other than by that broadcast.</exception>
    public static Net<T> Multiply<T>(string name, params Net<T>[] inputs)
        where T : Layout => Merge<T, T>(new Layers.Multiply(), name, inputs);

    /// <summary>Scales each channel of an image by a C-vector (squeeze-and-excitation).</summary>
    /// <exception cref="NetBuildException">The vector's length is not the image's channel count.</exception>
    public static Net<Image> Multiply(Net<Image> image, Net<Vector> scale, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(scale);
        return Merge<Image, Image>(new Layers.Multiply(), name, [image], [scale.Node], scale.Auxiliary, scale.Context);
    }

    /// <summary>A scaled residual x + <paramref name="scale"/> * r (Inception-ResNet's <c>CustomScaleLayer</c>).</summary>
    /// <param name="name">Layer name.</param>
    /// <param name="x">The identity path.</param>
    /// <param name="r">The residual branch.</param>
    /// <param name="scale">The residual's factor.</param>
    /// <exception cref="NetBuildException">x and r differ in shape, or come from different networks.</exception>
    public static Net<T> ScaledAdd<T>(string? name, Net<T> x, Net<T> r, double scale)
        where T : Layout => Merge<T, T>(new ScaledAdd(scale), name, [x, r]);

    private static Net<T> Start<T>(Shape shape, bool strict, string name)
        where T : Layout
    {
        if (name.Length == 0 || name.Contains('/'))
        {
            throw new NetBuildException("input", [shape], $"input: a layer name must be non-empty and contain no '/'. Received: name=\"{name}\".");
        }

        var context = new BuildContext(strict);
        var layer = new InputLayer(shape);
        var node = new Node(context.Commit(name), name, "", layer, [], layer.Infer(new LayerContext(name, [], [], strict)));
        return new Net<T>(node, context, "", []);
    }

    internal static Net<TOut> Merge<TIn, TOut>(LayerSpec layer, string? name, IReadOnlyList<Net<TIn>> inputs)
        where TIn : Layout
        where TOut : Layout => Merge<TIn, TOut>(layer, name, inputs, [], [], null);

    private static Net<TOut> Merge<TIn, TOut>(
        LayerSpec layer, string? name, IReadOnlyList<Net<TIn>> inputs, IReadOnlyList<Node> extraNodes, IReadOnlyList<AuxiliaryOutput> extraAux, BuildContext? extraContext)
        where TIn : Layout
        where TOut : Layout
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0 || inputs.Any(i => i is null))
        {
            throw new ArgumentException($"{layer.KerasType} needs at least one non-null input.", nameof(inputs));
        }

        var first = inputs[0];
        var nodes = inputs.Select(i => i.Node).Concat(extraNodes).ToImmutableArray();
        if (inputs.Any(i => i.Context != first.Context) || (extraContext is not null && extraContext != first.Context))
        {
            string shown = BuildContext.Path(first.Scope, name ?? layer.NamePrefix);
            throw new NetBuildException(shown, nodes.Select(n => n.Shape).ToArray(), $"{shown}: the inputs come from different networks (different Net.Input calls).");
        }

        var aux = inputs.SelectMany(i => i.Auxiliary).Concat(extraAux).Distinct().ToImmutableList();
        return Net<TIn>.Build<TOut>(layer, name, first.Context, first.Scope, nodes, aux);
    }
}
