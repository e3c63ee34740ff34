namespace FluentNets.Export;

/// <summary>
/// A network or its weights cannot be written in the requested format: the message names the
/// layer, its type and what the format lacks, or the weight that is missing or of another shape.
/// Nothing is written when it is thrown.
/// </summary>
/// <param name="message">One line naming the layer and the reason.</param>
public sealed class ExportException(string message) : Exception(message);
