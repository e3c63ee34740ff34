namespace FluentNets.PropertyTests;

/// <summary>What the oracle expects of one layer of a <see cref="Chain"/>.</summary>
/// <param name="Shape">Output shape.</param>
/// <param name="Trainable">Trainable parameters.</param>
/// <param name="NonTrainable">Non-trainable parameters.</param>
/// <param name="Macs">Multiply-accumulates for one example.</param>
public sealed record LayerExpectation(Shape Shape, long Trainable, long NonTrainable, long Macs);
