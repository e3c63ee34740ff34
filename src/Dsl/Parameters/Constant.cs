namespace FluentNets.Layers;

/// <summary>Every value <paramref name="Value"/>.</summary>
/// <param name="Value">The value.</param>
public sealed record Constant(double Value) : Initializer;
