namespace FluentNets.Export.Plot;

/// <summary>One box of a plot: a layer, or a top-level block at depth 1.</summary>
/// <param name="Id">The box's identifier in the drawing (<c>n0</c>, <c>n1</c>...).</param>
/// <param name="Name">The layer's or block's name.</param>
/// <param name="Type">The layer's Keras type, or <c>Block (N layers)</c>.</param>
/// <param name="Shape">The output shape as Keras prints it.</param>
/// <param name="Auxiliary">Whether the box belongs to an auxiliary head only (dropped at inference).</param>
public sealed record PlotBox(string Id, string Name, string Type, string Shape, bool Auxiliary);
