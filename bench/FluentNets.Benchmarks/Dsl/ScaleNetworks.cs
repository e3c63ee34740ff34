using FluentNets.Graph;

namespace FluentNets.Benchmarks.Dsl;

/// <summary>
/// Networks that time how the DSL scales rather than what a model costs: long chains of layers
/// named automatically (<c>dense</c>, <c>dense_1</c>, ...), so each name is proposed against every
/// name taken before it, and one concatenation of many automatically named branches.
/// </summary>
public static class ScaleNetworks
{
    /// <summary>The case names and what they build.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Network>> Cases = new Dictionary<string, Func<Network>>(StringComparer.Ordinal)
    {
        ["chain-10k"] = () => Chain(10_000),
        ["chain-100k"] = () => Chain(100_000),
        ["concat-10k"] = () => Concat(10_000),
    };

    /// <summary><paramref name="layers"/> automatically named 1-unit Dense layers after a 1-feature input.</summary>
    /// <param name="layers">The number of Dense layers.</param>
    public static Network Chain(int layers)
    {
        var x = Net.Input(1);
        for (int i = 0; i < layers; i++)
        {
            x = x.Dense(1);
        }

        return x.ToNetwork($"chain{layers}");
    }

    /// <summary>
    /// <paramref name="branches"/> automatically named 1x1 convolutions of one 4x4x1 input, concatenated
    /// into one layer of <paramref name="branches"/> channels.
    /// </summary>
    /// <param name="branches">The number of branches.</param>
    public static Network Concat(int branches)
    {
        var x = Net.Input(4, 4, 1);
        var all = new Net<Image>[branches];
        for (int i = 0; i < branches; i++)
        {
            all[i] = x.Conv(1, 1);
        }

        return Net.Concat(all).ToNetwork($"concat{branches}");
    }
}
