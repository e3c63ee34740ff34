namespace FluentNets.Layers;

/// <summary>
/// A parameter of a layer, or state it saves (BatchNorm's moving statistics), declared once by the layer's
/// spec: counting, both backends' initial values, the weight readers and writers, the trainer's L2 and the
/// exporters read this declaration and nothing else.
/// </summary>
/// <param name="Role">
/// The parameter's name under its layer, as a PyTorch module's state dict spells it (<c>weight</c>,
/// <c>running_mean</c>, <c>depthwise.weight</c>), or empty for a layer that is itself one parameter (a
/// torchvision <c>nn.Parameter</c> attribute such as ConvNeXt's <c>layer_scale</c>).
/// </param>
/// <param name="Shape">The shape in PyTorch's layout, which every backend and FluentNets' own files hold.</param>
/// <param name="Initializer">The initial values, Keras's default for the layer.</param>
/// <param name="Keras">Keras's name, shape and layout for the same values.</param>
/// <param name="Trainable">Whether the optimiser updates it (false for moving statistics).</param>
/// <param name="L2">Keras's <c>kernel_regularizer=l2(x)</c> factor: x * sum(w^2) joins the loss; 0 for none.</param>
public sealed record ParameterSpec(string Role, ValueList<int> Shape, Initializer Initializer, KerasWeight Keras, bool Trainable = true, double L2 = 0)
{
    /// <summary>The number of values.</summary>
    public long Elements => Shape.Aggregate(1L, (n, d) => n * d);

    /// <summary>The parameter's full name on the layer named <paramref name="layer"/>: <c>conv1.weight</c>, or the layer's name for an empty role.</summary>
    /// <param name="layer">The layer's full name.</param>
    public string NameOn(string layer) => Role.Length == 0 ? layer : $"{layer}.{Role}";

    /// <summary>A trained parameter whose Keras weight has the same shape and layout (a bias, BatchNorm's gamma).</summary>
    /// <param name="role">The PyTorch name.</param>
    /// <param name="keras">The Keras name.</param>
    /// <param name="shape">The shape in both layouts.</param>
    /// <param name="initializer">The initial values.</param>
    public static ParameterSpec Plain(string role, string keras, int[] shape, Initializer initializer) =>
        new(role, shape, initializer, KerasWeight.Same(keras, shape));

    /// <summary>Saved state that is not trained (BatchNorm's moving statistics), the same in both layouts.</summary>
    /// <param name="role">The PyTorch name.</param>
    /// <param name="keras">The Keras name.</param>
    /// <param name="shape">The shape in both layouts.</param>
    /// <param name="initializer">The initial values.</param>
    public static ParameterSpec State(string role, string keras, int[] shape, Initializer initializer) =>
        new(role, shape, initializer, KerasWeight.Same(keras, shape), Trainable: false);
}
