using FluentNets.Graph;

namespace FluentNets.Export.Plot;

/// <summary>
/// What a plot shows: one box per layer (or, at depth 1, per top-level block, its layers folded
/// into it) and one edge per pair of boxes a tensor flows between, in the network's node order.
/// </summary>
public sealed class PlotGraph
{
    private PlotGraph(IReadOnlyList<PlotBox> boxes, IReadOnlyList<(PlotBox From, PlotBox To)> edges)
    {
        Boxes = boxes;
        Edges = edges;
    }

    /// <summary>The boxes, inputs before the boxes that use them.</summary>
    public IReadOnlyList<PlotBox> Boxes { get; }

    /// <summary>The edges, from a producer's box to a consumer's, each pair once.</summary>
    public IReadOnlyList<(PlotBox From, PlotBox To)> Edges { get; }

    /// <summary>The boxes and edges of <paramref name="network"/> at <paramref name="depth"/>.</summary>
    /// <param name="network">The network, auxiliary heads included.</param>
    /// <param name="depth">0 for one box per layer; 1 for one box per top-level block (a layer outside any block keeps its own box).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> is neither 0 nor 1.</exception>
    public static PlotGraph Of(Network network, int depth = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, 1);
        var inference = network.InferenceNodes.Select(n => n.Id).ToHashSet();
        string GroupOf(Node n) => depth == 0 || n.Scope.Length == 0 ? n.Name : n.Scope.Split('/')[0];

        var groups = network.Nodes.GroupBy(GroupOf).ToArray();
        var boxOf = new Dictionary<string, PlotBox>(StringComparer.Ordinal);
        var boxes = new List<PlotBox>();
        foreach (var group in groups)
        {
            var members = group.ToArray();
            var last = members[^1];
            string type = members.Length == 1 && (depth == 0 || last.Scope.Length == 0) ? last.Layer.KerasType : $"Block ({members.Length} layers)";
            var box = new PlotBox($"n{boxes.Count}", group.Key, type, last.Shape.ToKeras(), members.All(m => !inference.Contains(m.Id)));
            boxes.Add(box);
            boxOf[group.Key] = box;
        }

        var edges = new List<(PlotBox, PlotBox)>();
        var seen = new HashSet<(string, string)>();
        foreach (var node in network.Nodes)
        {
            var to = boxOf[GroupOf(node)];
            foreach (var input in node.Inputs)
            {
                var from = boxOf[GroupOf(input)];
                if (from != to && seen.Add((from.Id, to.Id)))
                {
                    edges.Add((from, to));
                }
            }
        }

        return new PlotGraph(boxes, edges);
    }
}
