namespace FluentNets.Verification;

/// <summary>What the oracle expects of one layer of a generated network.</summary>
/// <param name="Name">Full path name, automatic names counted the way Keras counts them.</param>
/// <param name="Shape">Output shape.</param>
/// <param name="Trainable">Trainable parameters.</param>
/// <param name="NonTrainable">Non-trainable parameters.</param>
/// <param name="Macs">Multiply-accumulates for one example.</param>
public sealed record LayerExpectation(string Name, Shape Shape, long Trainable, long NonTrainable, long Macs);
