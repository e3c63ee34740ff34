namespace FluentNets.Backends;

/// <summary>One named tensor of a compiled network's state.</summary>
/// <param name="Name">Layer path and role, e.g. <c>conv2d.weight</c>, <c>inception_3a/1x1.bias</c>, <c>batch_normalization.running_mean</c>.</param>
/// <param name="Shape">Dimensions in PyTorch's layout.</param>
/// <param name="Trainable">True for parameters the optimiser updates; false for buffers such as running statistics.</param>
public sealed record ParameterInfo(string Name, IReadOnlyList<int> Shape, bool Trainable)
{
    /// <summary>Number of elements.</summary>
    /// <summary>The node whose layer declares the parameter, when it came from a network's <see cref="ParameterLayout"/>.</summary>
    public Graph.Node? Layer { get; init; }

    /// <summary>The layer's declaration of the parameter: initial values, L2, Keras's name and layout.</summary>
    public Layers.ParameterSpec? Spec { get; init; }

    /// <summary>The number of values.</summary>
    public long Elements => Shape.Aggregate(1L, (n, d) => n * d);

    /// <summary><c>[64, 3, 7, 7]</c>.</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
