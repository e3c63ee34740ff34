using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Backends;

/// <summary>
/// The state every backend allocates for a network: names and PyTorch-layout shapes derived from
/// the DSL's layer specs, so weights move between backends and files by name.
/// </summary>
public static class ParameterLayout
{
    /// <summary>
    /// The state of every node of <paramref name="network"/>, auxiliary heads included, in node order;
    /// a frozen layer's parameters are not trainable (their names and shapes do not change).
    /// </summary>
    public static IReadOnlyList<ParameterInfo> Of(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Nodes.SelectMany(n => network.IsFrozen(n) ? Of(n).Select(p => p with { Trainable = false }) : Of(n)).ToArray();
    }

    /// <summary>The state of one node.</summary>
    public static IEnumerable<ParameterInfo> Of(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        string n = node.Name;
        int cin = node.Inputs.Length > 0 ? node.Inputs[0].Shape.Channels : 0;
        int cout = node.Shape.Channels;
        switch (node.Layer)
        {
            case Conv2D c:
                yield return new($"{n}.weight", [c.Filters, cin / c.Groups, c.Kernel.H, c.Kernel.W], true);
                if (c.UseBias)
                {
                    yield return new($"{n}.bias", [c.Filters], true);
                }

                break;
            case DepthwiseConv2D d:
                yield return new($"{n}.weight", [cout, 1, d.Kernel.H, d.Kernel.W], true);
                if (d.UseBias)
                {
                    yield return new($"{n}.bias", [cout], true);
                }

                break;
            case SeparableConv2D s:
                yield return new($"{n}.depthwise.weight", [cin * s.DepthMultiplier, 1, s.Kernel.H, s.Kernel.W], true);
                yield return new($"{n}.pointwise.weight", [s.Filters, cin * s.DepthMultiplier, 1, 1], true);
                if (s.UseBias)
                {
                    yield return new($"{n}.bias", [s.Filters], true);
                }

                break;
            case Dense d:
                yield return new($"{n}.weight", [d.Units, cin], true);
                if (d.UseBias)
                {
                    yield return new($"{n}.bias", [d.Units], true);
                }

                break;
            case BatchNormalization b:
                if (b.Scale)
                {
                    yield return new($"{n}.weight", [cout], true);
                }

                if (b.Center)
                {
                    yield return new($"{n}.bias", [cout], true);
                }

                yield return new($"{n}.running_mean", [cout], false);
                yield return new($"{n}.running_var", [cout], false);
                break;
        }
    }
}
