namespace FluentNets;

/// <summary>Residual blocks: body(x) + shortcut(x).</summary>
public static class ResidualExtensions
{
    /// <summary>
    /// Adds <paramref name="body"/>(x) to x (identity) or to a 1x1 strided convolution and
    /// BatchNorm of x (projection). The projection's stride and filters are derived from the
    /// shapes; <see cref="Shortcut.Auto"/> projects exactly when the shapes differ. The projection's
    /// BatchNorm follows the block's: <paramref name="epsilon"/> and <paramref name="momentum"/> when
    /// given, otherwise those of the body's last BatchNorm (keras.applications' ResNets use
    /// 1.001e-5 in both, torchvision's 1e-5), and Keras's defaults (1e-3, 0.99) for a body without one.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="body">The residual branch.</param>
    /// <param name="shortcut">Identity, projection, or chosen from the shapes.</param>
    /// <param name="projectionBias">Whether the projection convolution has a bias (Keras's ResNet50 does).</param>
    /// <param name="activation">Activation after the addition, inside the block (layer <c>out</c>).</param>
    /// <param name="name">Block name, e.g. <c>conv2_block1</c>; automatic when omitted.</param>
    /// <param name="epsilon">Epsilon of the projection's BatchNorm; the body's when omitted.</param>
    /// <param name="momentum">Momentum of the projection's BatchNorm; the body's when omitted.</param>
    /// <exception cref="NetBuildException">
    /// Identity with a body that changes the shape, a body whose size does not divide the input's,
    /// or an epsilon or momentum out of range.
    /// </exception>
    public static Net<Image> Residual(
        this Net<Image> x, Func<Net<Image>, Net<Image>> body, Shortcut shortcut = Shortcut.Auto, bool projectionBias = true,
        Activation? activation = null, string? name = null, double? epsilon = null, double? momentum = null) =>
        x.AutoBlock("residual", name, b =>
        {
            var main = body(b);
            bool project = shortcut == Shortcut.Projection || (shortcut == Shortcut.Auto && !main.Shape.Equals(b.Shape));
            Net<Image> skip = b;
            if (project)
            {
                skip = b.Conv(main.Shape.Channels, 1, s: ProjectionStride(b, main), bias: projectionBias, name: "shortcut_conv")
                    .BatchNorm(
                        momentum: momentum ?? BodyNormalization(main, b)?.Momentum ?? 0.99,
                        epsilon: epsilon ?? BodyNormalization(main, b)?.Epsilon ?? 1e-3,
                        name: "shortcut_bn");
            }
            else if (!main.Shape.Equals(b.Shape))
            {
                string add = $"{b.Scope}/add";
                throw new NetBuildException(add, [main.Shape, b.Shape],
                    $"{add}: an identity shortcut needs the body to keep the shape; the body gives {main.Shape} ({main.Name}) but the input is {b.Shape} ({b.Name}). Use shortcut: Shortcut.Projection.");
            }

            var sum = Net.Add("add", main, skip);
            return activation is null || activation.IsIdentity ? sum : sum.Activate(activation, name: "out");
        });

    /// <summary>The body's BatchNorm nearest its output (breadth first from the output back to the block's input), or null.</summary>
    private static Layers.BatchNormalization? BodyNormalization(Net<Image> main, Net<Image> input)
    {
        var seen = new HashSet<Graph.Node>(ReferenceEqualityComparer.Instance) { input.Node };
        var queue = new Queue<Graph.Node>([main.Node]);
        while (queue.TryDequeue(out var node))
        {
            if (!seen.Add(node))
            {
                continue;
            }

            if (node.Layer is Layers.BatchNormalization normalization)
            {
                return normalization;
            }

            foreach (var source in node.Inputs)
            {
                queue.Enqueue(source);
            }
        }

        return null;
    }

    private static Size2 ProjectionStride(Net<Image> input, Net<Image> main)
    {
        var (i, o) = (input.Shape, main.Shape);

        // ceil(N / O) rather than N / O: a body that halves an odd size (55 -> 28, 147 -> 74) needs stride 2.
        // When O divides N both are the same; when it does not, N / O never passes the check below,
        // while ceil(N / O) passes whenever any stride does.
        int sh = (i.Height + o.Height - 1) / o.Height, sw = (i.Width + o.Width - 1) / o.Width;
        if (ShapeRules.SameOutputSize(i.Height, sh) != o.Height || ShapeRules.SameOutputSize(i.Width, sw) != o.Width)
        {
            string conv = $"{input.Scope}/shortcut_conv";
            throw new NetBuildException(conv, [i, o],
                $"{conv}: no stride takes the input {i} to the body's {o}: a projection needs ceil(N / S) to equal the body's size on both axes.");
        }

        return (sh, sw);
    }
}
