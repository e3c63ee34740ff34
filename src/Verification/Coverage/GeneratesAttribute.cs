namespace FluentNets.Verification;

/// <summary>
/// Declares that the generator on which it stands (a <see cref="Stage"/>, the network's input or
/// head) produces layers of <see cref="Kind"/>: a concrete <see cref="Layers.LayerSpec"/> or a
/// kind of <see cref="Activation"/>. <see cref="GeneratedKinds"/> collects the declarations, and a
/// property draws networks to check that every declared kind does turn up.
/// </summary>
/// <param name="kind">The layer spec or activation type produced.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GeneratesAttribute(Type kind) : Attribute
{
    /// <summary>The layer spec or activation type produced.</summary>
    public Type Kind { get; } = kind;
}
