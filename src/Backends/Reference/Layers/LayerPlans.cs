using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>
/// Every <see cref="ILayerPlan"/> of this assembly, by the kind of spec it computes: adding a layer kind to
/// the reference backend is adding its class under <c>Layers/</c>.
/// </summary>
internal static class LayerPlans
{
    private static readonly Dictionary<Type, ILayerPlan> ByKind = typeof(ILayerPlan).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(ILayerPlan).IsAssignableFrom(t))
        .Select(t => (ILayerPlan)Activator.CreateInstance(t, nonPublic: true)!)
        .ToDictionary(p => p.Spec);

    /// <summary>The kinds of layer spec this backend computes.</summary>
    public static IEnumerable<Type> Kinds => ByKind.Keys;

    /// <summary>The plan of <paramref name="spec"/>'s kind.</summary>
    /// <exception cref="NotSupportedException">The kind has no plan.</exception>
    public static ILayerPlan For(LayerSpec spec, string layer) =>
        ByKind.TryGetValue(spec.GetType(), out var plan)
            ? plan
            : throw new NotSupportedException($"{layer}: the reference backend cannot run {spec.KerasType} layers.");
}
