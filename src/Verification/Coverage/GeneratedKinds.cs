using System.Reflection;
using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>
/// Which layer kinds and activations the network generators can produce, read from the
/// <see cref="GeneratesAttribute"/> on each generator, and which they leave out on purpose
/// (<see cref="NotGeneratedAttribute"/>): the registry a coverage test asks whether a new
/// layer kind got a generator with an oracle.
/// </summary>
public static class GeneratedKinds
{
    private static readonly Type[] Generators = typeof(GeneratedKinds).Assembly.GetTypes();

    /// <summary>Every concrete <see cref="LayerSpec"/> type some generator produces.</summary>
    public static IEnumerable<Type> All => Claimed(typeof(LayerSpec));

    /// <summary>Every <see cref="Activation"/> type some generator produces, fused or as a layer of its own.</summary>
    public static IEnumerable<Type> Activations => Claimed(typeof(Activation));

    /// <summary>The layer specs and activations the generators leave out on purpose, each with the reason.</summary>
    public static IReadOnlyDictionary<Type, string> NotGenerated { get; } = Generators
        .SelectMany(t => t.GetCustomAttributes<NotGeneratedAttribute>())
        .ToDictionary(a => a.Kind, a => a.Reason);

    /// <summary>The generators that declare they produce <paramref name="kind"/>, for messages.</summary>
    /// <param name="kind">A layer spec or activation type.</param>
    public static IEnumerable<Type> GeneratorsOf(Type kind) =>
        Generators.Where(t => t.GetCustomAttributes<GeneratesAttribute>().Any(a => a.Kind == kind));

    private static IEnumerable<Type> Claimed(Type family) => Generators
        .SelectMany(t => t.GetCustomAttributes<GeneratesAttribute>())
        .Select(a => a.Kind)
        .Where(family.IsAssignableFrom)
        .Distinct()
        .OrderBy(t => t.Name, StringComparer.Ordinal);
}
