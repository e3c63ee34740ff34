namespace FluentNets.Export;

/// <summary>
/// What an exported model tells the program that serves it, beyond the graph: the names of its
/// classes and how its input images were prepared.
/// </summary>
/// <param name="ClassNames">One name per output, in output order; empty when unknown.</param>
/// <param name="Preprocessing">
/// How pixels become the input tensor, in words a serving program can act on, e.g. <c>"[0, 1] then
/// per-channel standardisation"</c> or a keras.applications mode (<c>"caffe"</c>, <c>"tf"</c>,
/// <c>"torch"</c>); empty when unknown.
/// </param>
public sealed record ExportMetadata(IReadOnlyList<string> ClassNames, string Preprocessing)
{
    /// <summary>No class names and no preprocessing.</summary>
    public static ExportMetadata None { get; } = new([], "");
}
