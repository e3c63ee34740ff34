namespace FluentNets.Verification;

/// <summary>
/// The oracle's account of a <see cref="NetworkDescription"/>: every layer after the input in the
/// order the DSL creates them, or, for a network that cannot be built, the layers before the
/// failure and the path of the layer that fails.
/// </summary>
/// <param name="Layers">The layers, in creation order.</param>
/// <param name="Failure">Full path of the first layer whose rule breaks; null when the network builds.</param>
public sealed record NetworkExpectation(IReadOnlyList<LayerExpectation> Layers, string? Failure)
{
    /// <summary>Whether the network builds.</summary>
    public bool Builds => Failure is null;

    /// <summary>Trainable parameters of every layer.</summary>
    public long Trainable => Layers.Sum(l => l.Trainable);

    /// <summary>Non-trainable parameters of every layer.</summary>
    public long NonTrainable => Layers.Sum(l => l.NonTrainable);

    /// <summary>Multiply-accumulates of every layer for one example.</summary>
    public long Macs => Layers.Sum(l => l.Macs);

    /// <summary>The last layer's shape: the network's output.</summary>
    public Shape Output => Layers[^1].Shape;
}
