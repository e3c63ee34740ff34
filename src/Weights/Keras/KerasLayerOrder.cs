using FluentNets.Backends;
using FluentNets.Graph;

namespace FluentNets.Weights;

/// <summary>
/// The order in which a Keras functional model lists its layers (<c>model.layers</c>), computed on
/// a FluentNets graph: Keras 3's <c>.weights.h5</c> files address a layer by its class and its
/// rank among the layers of that class in this order, not by its name.
/// </summary>
/// <remarks>
/// Keras's <c>map_graph</c> (<c>keras/src/ops/function.py</c>): a depth-first walk from the output,
/// visiting each node's inputs in order, numbers every layer when first reached; a node's depth is
/// the longest path from it to the output; layers are listed by decreasing depth, ties in the walk's
/// numbering. For a chain this is the order of creation; in a residual block the longer branch comes
/// first (<c>conv2_block1_1_conv</c> before <c>conv2_block1_0_conv</c>).
/// </remarks>
public static class KerasLayerOrder
{
    /// <summary>The inference nodes of <paramref name="network"/> in Keras's <c>model.layers</c> order.</summary>
    /// <param name="network">The network.</param>
    public static IReadOnlyList<Node> Of(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var firstSeen = new Dictionary<Node, int>();
        var postOrder = new List<Node>();
        var finished = new HashSet<Node>();

        // Iterative depth-first walk: (node, next input to visit).
        var stack = new Stack<(Node Node, int Next)>();
        stack.Push((network.Output, 0));
        firstSeen[network.Output] = 0;
        while (stack.TryPop(out var top))
        {
            if (top.Next < top.Node.Inputs.Length)
            {
                stack.Push((top.Node, top.Next + 1));
                var input = top.Node.Inputs[top.Next];
                if (!finished.Contains(input) && !firstSeen.ContainsKey(input))
                {
                    firstSeen[input] = firstSeen.Count;
                    stack.Push((input, 0));
                }

                continue;
            }

            finished.Add(top.Node);
            postOrder.Add(top.Node);
        }

        var depth = new Dictionary<Node, int>();
        for (int i = postOrder.Count - 1; i >= 0; i--)
        {
            var node = postOrder[i];
            int d = depth.GetValueOrDefault(node);
            depth[node] = d;
            foreach (var input in node.Inputs)
            {
                depth[input] = Math.Max(depth.GetValueOrDefault(input), d + 1);
            }
        }

        return postOrder.OrderByDescending(n => depth[n]).ThenBy(n => firstSeen[n]).ToArray();
    }
}
