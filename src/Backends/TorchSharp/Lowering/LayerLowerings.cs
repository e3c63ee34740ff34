using System.Reflection;
using FluentNets.Layers;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Every <see cref="ILayerLowering"/> of this assembly, by the kind of spec it lowers: adding a layer kind
/// to the backend is adding its class under <c>Layers/</c>.
/// </summary>
internal static class LayerLowerings
{
    private static readonly Dictionary<Type, ILayerLowering> ByKind = typeof(ILayerLowering).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(ILayerLowering).IsAssignableFrom(t))
        .Select(t => (ILayerLowering)Activator.CreateInstance(t, nonPublic: true)!)
        .ToDictionary(l => l.Spec);

    /// <summary>The kinds of layer spec this backend runs.</summary>
    public static IEnumerable<Type> Kinds => ByKind.Keys;

    /// <summary>The lowering of <paramref name="spec"/>'s kind.</summary>
    /// <exception cref="NotSupportedException">The kind has no lowering.</exception>
    public static ILayerLowering For(LayerSpec spec, string layer) =>
        ByKind.TryGetValue(spec.GetType(), out var lowering)
            ? lowering
            : throw new NotSupportedException($"{layer}: the TorchSharp backend has no lowering for {spec.KerasType}.");
}
