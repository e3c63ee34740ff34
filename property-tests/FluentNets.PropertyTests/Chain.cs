using System.Collections.Immutable;
using FluentNets.Graph;

namespace FluentNets.PropertyTests;

/// <summary>
/// A random sequential network: an image input, image layers with SAME padding, and an optional
/// vector head of Dense layers.
/// </summary>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="Channels">Input channels.</param>
/// <param name="Body">The image layers, in order.</param>
/// <param name="Head">How the image becomes a vector, if it does.</param>
/// <param name="Dense">Dense layers after the head; empty when there is no head.</param>
public sealed record Chain(int Height, int Width, int Channels, ImmutableArray<ChainLayer> Body, VectorHead Head, ImmutableArray<DenseLayer> Dense)
{
    /// <summary>Builds the network and returns it with the node of every layer after the input, in order.</summary>
    public (Network Network, IReadOnlyList<Node> Layers) Build()
    {
        var nodes = new List<Node>();
        var x = Net.Input(Height, Width, Channels);
        foreach (var layer in Body)
        {
            x = layer.AddTo(x);
            nodes.Add(x.Node);
        }

        if (Head == VectorHead.None)
        {
            return (x.ToNetwork(), nodes);
        }

        var v = Head == VectorHead.Flatten ? x.Flatten() : x.GlobalAvgPool();
        nodes.Add(v.Node);
        foreach (var dense in Dense)
        {
            v = v.Dense(dense.Units, bias: dense.Bias);
            nodes.Add(v.Node);
        }

        return (v.ToNetwork(), nodes);
    }

    /// <summary>The oracle's shape, parameters and MACs for every layer after the input, in the order <see cref="Build"/> gives.</summary>
    public IReadOnlyList<LayerExpectation> Expected()
    {
        var expected = new List<LayerExpectation>();
        int h = Height, w = Width, c = Channels;
        foreach (var layer in Body)
        {
            var stride = layer.IsWindow ? layer.Stride : new Size2(1, 1);
            int outH = Oracle.SameOutputSize(h, stride.H), outW = Oracle.SameOutputSize(w, stride.W);
            int outC = layer.OutChannels(c);
            var shape = Shape.Image(outH, outW, outC);
            expected.Add(layer.Kind switch
            {
                ChainLayerKind.Conv => new LayerExpectation(
                    shape,
                    Oracle.ConvParams(layer.Kernel, c, layer.Groups, layer.Filters, layer.Bias),
                    0,
                    Oracle.ConvMacs(outH, outW, layer.Filters, layer.Kernel, c, layer.Groups)),
                ChainLayerKind.DepthwiseConv => new LayerExpectation(
                    shape,
                    Oracle.DepthwiseParams(layer.Kernel, c, layer.DepthMultiplier, layer.Bias),
                    0,
                    Oracle.DepthwiseMacs(outH, outW, outC, layer.Kernel)),
                ChainLayerKind.SeparableConv => new LayerExpectation(
                    shape,
                    Oracle.SeparableParams(layer.Kernel, c, layer.DepthMultiplier, layer.Filters, layer.Bias),
                    0,
                    Oracle.SeparableMacs(outH, outW, c, layer.DepthMultiplier, layer.Filters, layer.Kernel)),
                ChainLayerKind.BatchNorm => BatchNorm(shape, c, layer),
                _ => new LayerExpectation(shape, 0, 0, 0),
            });
            (h, w, c) = (outH, outW, outC);
        }

        if (Head == VectorHead.None)
        {
            return expected;
        }

        int features = Head == VectorHead.Flatten ? h * w * c : c;
        expected.Add(new LayerExpectation(Shape.Vector(features), 0, 0, 0));
        foreach (var dense in Dense)
        {
            expected.Add(new LayerExpectation(
                Shape.Vector(dense.Units), Oracle.DenseParams(features, dense.Units, dense.Bias), 0, Oracle.DenseMacs(features, dense.Units)));
            features = dense.Units;
        }

        return expected;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var calls = new List<string> { $"Input({Height}, {Width}, {Channels})" };
        calls.AddRange(Body.Select(l => l.ToString()));
        if (Head != VectorHead.None)
        {
            calls.Add($"{Head}()");
            calls.AddRange(Dense.Select(d => d.ToString()));
        }

        return string.Join(".", calls);
    }

    private static LayerExpectation BatchNorm(Shape shape, int channels, ChainLayer layer)
    {
        var (trainable, nonTrainable) = Oracle.BatchNormParams(channels, layer.Center, layer.Scale);
        return new LayerExpectation(shape, trainable, nonTrainable, 0);
    }
}
