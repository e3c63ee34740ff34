using System.Reflection;
using FluentNets.Graph;

namespace FluentNets.Export.Onnx;

/// <summary>
/// Every <see cref="IOnnxLayer"/> of this assembly, by the kind of spec it writes: adding a layer kind to the
/// ONNX exporter is adding its class under <c>Onnx/Layers/</c>. A class marked <see cref="NoExactFormAttribute"/>
/// declares the configurations ONNX has no exact form for, and refuses them.
/// </summary>
internal static class OnnxLayers
{
    private static readonly Dictionary<Type, IOnnxLayer> ByKind = typeof(IOnnxLayer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(IOnnxLayer).IsAssignableFrom(t))
        .Select(t => (IOnnxLayer)Activator.CreateInstance(t, nonPublic: true)!)
        .ToDictionary(l => l.Spec);

    /// <summary>The kinds of layer spec the ONNX exporter has a class for.</summary>
    internal static IEnumerable<Type> Kinds => ByKind.Keys;

    /// <summary>Why ONNX has no exact form for some or all layers of kind <paramref name="spec"/>, as its class declares, or null.</summary>
    /// <param name="spec">A concrete <see cref="Layers.LayerSpec"/> type.</param>
    internal static string? Refusal(Type spec) =>
        ByKind.TryGetValue(spec, out var layer) ? layer.GetType().GetCustomAttribute<NoExactFormAttribute>()?.Reason : null;

    /// <summary>The ONNX form of <paramref name="node"/>'s kind.</summary>
    /// <exception cref="ExportException">The kind has none.</exception>
    public static IOnnxLayer For(Node node) =>
        ByKind.TryGetValue(node.Layer.GetType(), out var layer)
            ? layer
            : throw OnnxGraphBuilder.Unsupported(node, "the ONNX exporter has no form for this layer type");
}
