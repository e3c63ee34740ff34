using System.Reflection;
using FluentNets.Layers;
using FsCheck;
using FsCheck.Fluent;

namespace FluentNets.PropertyTests;

/// <summary>
/// The registry of generated kinds tells the truth: networks drawn from the generators, at small
/// and full size, hold every layer kind and activation the generators declare with
/// <see cref="GeneratesAttribute"/>, and none they do not declare.
/// </summary>
public class GeneratedKindsTests
{
    /// <summary>Networks drawn per size; at this count the rarest kind turns up tens of times.</summary>
    private const int Draws = 300;

    private static readonly int[] Sizes = [10, 50, 100];

    [Fact]
    public void DrawnNetworksHoldEveryDeclaredLayerKindAndNoOther()
    {
        var drawn = Drawn().SelectMany(n => n.Nodes).Select(n => n.Layer.GetType()).ToHashSet();

        Assert.Equal(Names(GeneratedKinds.All), Names(drawn));
    }

    [Fact]
    public void DrawnNetworksHoldEveryDeclaredActivationAndNoOther()
    {
        var drawn = Drawn().SelectMany(n => n.Nodes).SelectMany(n => ActivationsOf(n.Layer)).Select(a => a.GetType()).ToHashSet();

        Assert.Equal(Names(GeneratedKinds.Activations), Names(drawn));
    }

    /// <summary>The same networks on every run: fixed seeds, one per size.</summary>
    private static IEnumerable<Graph.Network> Drawn() =>
        Sizes.SelectMany(size => Arbitraries.Networks().Generator.Sample(Draws, new Rnd((ulong)size), size)).Select(d => d.Build());

    /// <summary>A layer's activations: the one it applies, or the fused one (<c>Activation.None</c> included).</summary>
    private static IEnumerable<Activation> ActivationsOf(LayerSpec layer) =>
        layer is ActivationLayer a
            ? [a.Function]
            : layer.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType == typeof(Activation))
                .Select(p => (Activation)p.GetValue(layer)!);

    private static string[] Names(IEnumerable<Type> types) => types.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
}
