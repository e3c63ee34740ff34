using System.Reflection;
using FluentNets.Graph;

namespace FluentNets.Export.PyTorch;

/// <summary>
/// Every <see cref="IPyLayer"/> of this assembly, by the kind of spec it writes: adding a layer kind to
/// model.py is adding its class under <c>PyTorch/Layers/</c>. A class marked <see cref="NoExactFormAttribute"/>
/// declares the configurations PyTorch's modules have no exact form for, and refuses them.
/// </summary>
internal static class PyLayers
{
    private static readonly Dictionary<Type, IPyLayer> ByKind = typeof(IPyLayer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(IPyLayer).IsAssignableFrom(t))
        .Select(t => (IPyLayer)Activator.CreateInstance(t, nonPublic: true)!)
        .ToDictionary(l => l.Spec);

    /// <summary>The kinds of layer spec model.py has a class for.</summary>
    internal static IEnumerable<Type> Kinds => ByKind.Keys;

    /// <summary>Why model.py has no exact form for some or all layers of kind <paramref name="spec"/>, as its class declares, or null.</summary>
    /// <param name="spec">A concrete <see cref="Layers.LayerSpec"/> type.</param>
    internal static string? Refusal(Type spec) =>
        ByKind.TryGetValue(spec, out var layer) ? layer.GetType().GetCustomAttribute<NoExactFormAttribute>()?.Reason : null;

    /// <summary>The model.py form of <paramref name="node"/>'s kind.</summary>
    /// <exception cref="ExportException">The kind has none.</exception>
    public static IPyLayer For(Node node) =>
        ByKind.TryGetValue(node.Layer.GetType(), out var layer)
            ? layer
            : throw ModelPy.Unsupported(node, "no PyTorch form for this layer type");
}
