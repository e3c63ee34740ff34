using System.Runtime.InteropServices;
using FluentNets.Backends;
using FluentNets.Graph;
using FluentNets.Layers;
using Google.Protobuf;
using Onnx;

namespace FluentNets.Export.Onnx;

/// <summary>
/// Appends the ONNX nodes of one layer after another to a graph. Each layer's output tensor bears
/// the layer's name; its main node bears it too, and helper nodes (a fused activation, a pad, the
/// transpose before a flatten) are named <c>layer/role</c>.
/// </summary>
internal sealed class OnnxGraphBuilder(GraphProto graph, IReadOnlyDictionary<string, HostTensor> weights)
{
    public void Add(Node node)
    {
        string name = node.Name;
        string[] inputs = node.Inputs.Select(i => i.Name).ToArray();
        switch (node.Layer)
        {
            case InputLayer:
                break;

            case Conv2D c:
                Activated(name, c.Activation, linear => Convolution(name, linear, inputs[0], node, c.Groups, c.UseBias ? $"{name}.bias" : null));
                break;

            case DepthwiseConv2D d:
                Activated(name, d.Activation, linear => Convolution(name, linear, inputs[0], node, node.Inputs[0].Shape.Channels, d.UseBias ? $"{name}.bias" : null));
                break;

            case SeparableConv2D s:
                Activated(name, s.Activation, linear =>
                {
                    string spatial = $"{name}/depthwise";
                    Emit("Conv", spatial, [inputs[0], Initializer($"{name}.depthwise.weight")], [spatial], WindowAttributes(Window(node), dilated: true)
                        .Append(Int("group", node.Inputs[0].Shape.Channels)));
                    string[] pointwise = s.UseBias ? [spatial, Initializer($"{name}.pointwise.weight"), Initializer($"{name}.bias")] : [spatial, Initializer($"{name}.pointwise.weight")];
                    Emit("Conv", name, pointwise, [linear], [Ints("kernel_shape", 1, 1)]);
                });
                break;

            case Dense d when node.Inputs[0].Shape.IsImage:
                // Keras's Dense on an image acts on the channel axis: a 1x1 convolution whose kernel is
                // the (units, channels) weight viewed as (units, channels, 1, 1).
                Activated(name, d.Activation, linear =>
                {
                    string weight = Initializer($"{name}.weight", [d.Units, node.Inputs[0].Shape.Channels, 1, 1]);
                    string[] conv = d.UseBias ? [inputs[0], weight, Initializer($"{name}.bias")] : [inputs[0], weight];
                    Emit("Conv", name, conv, [linear], [Ints("kernel_shape", 1, 1)]);
                });
                break;

            case Dense d:
                Activated(name, d.Activation, linear =>
                {
                    string[] gemm = d.UseBias ? [inputs[0], Initializer($"{name}.weight"), Initializer($"{name}.bias")] : [inputs[0], Initializer($"{name}.weight")];
                    Emit("Gemm", name, gemm, [linear], [Int("transB", 1)]);
                });
                break;

            case BatchNormalization b:
            {
                int c = node.Shape.Channels;
                string scale = b.Scale ? Initializer($"{name}.weight") : Constant($"{name}/unit_scale", [c], Enumerable.Repeat(1f, c).ToArray());
                string shift = b.Center ? Initializer($"{name}.bias") : Constant($"{name}/zero_shift", [c], new float[c]);
                Emit("BatchNormalization", name, [inputs[0], scale, shift, Initializer($"{name}.running_mean"), Initializer($"{name}.running_var")], [name],
                    [Float("epsilon", b.Epsilon)]);
                break;
            }

            case Pooling2D p:
            {
                // ONNX's MaxPool ignores padded cells; its AveragePool counts them only under
                // count_include_pad=1, and never counts a ceil-mode overhang past the padding, as PyTorch.
                var attributes = WindowAttributes(Window(node), dilated: false).ToList();
                if (p.CeilMode)
                {
                    attributes.Add(Int("ceil_mode", 1));
                }

                if (p.Kind == PoolKind.Average)
                {
                    attributes.Add(Int("count_include_pad", p.CountPadding ? 1 : 0));
                }

                Emit(p.Kind == PoolKind.Max ? "MaxPool" : "AveragePool", name, [inputs[0]], [name], attributes);
                break;
            }

            case AdaptiveAveragePooling2D a:
                AdaptiveAverage(name, inputs[0], node.Inputs[0].Shape, a.OutputSize);
                break;

            case GlobalPooling2D g:
            {
                string pooled = $"{name}/pooled";
                Emit(g.Kind == PoolKind.Max ? "GlobalMaxPool" : "GlobalAveragePool", name, [inputs[0]], [pooled], []);
                Emit("Flatten", $"{name}/flatten", [pooled], [name], [Int("axis", 1)]);
                break;
            }

            case ZeroPadding2D z:
            {
                string pads = Int64Constant($"{name}/pads", [8], [0, 0, z.Top, z.Left, 0, 0, z.Bottom, z.Right]);
                Emit("Pad", name, [inputs[0], pads], [name], []);
                break;
            }

            case Layers.Flatten f:
                if (!node.Inputs[0].Shape.IsImage)
                {
                    Emit("Identity", name, [inputs[0]], [name], []);
                    break;
                }

                if (f.Order == FlattenOrder.ChannelsHeightWidth)
                {
                    // PyTorch's order is ONNX's own (N, C, H, W) layout read row by row: no transpose.
                    Emit("Flatten", name, [inputs[0]], [name], [Int("axis", 1)]);
                    break;
                }

                // Keras flattens (H, W, C): go channels-last first, so a following Dense sees Keras's order.
                Emit("Transpose", $"{name}/channels_last", [inputs[0]], [$"{name}/channels_last"], [Ints("perm", 0, 2, 3, 1)]);
                Emit("Flatten", name, [$"{name}/channels_last"], [name], [Int("axis", 1)]);
                break;

            case Layers.Dropout:
                Emit("Identity", name, [inputs[0]], [name], []);
                break;

            case ActivationLayer a:
                OnnxActivations.Emit(this, a.Function, name, name, inputs[0], name);
                break;

            case LocalResponseNormalization l:
                if (l.Size % 2 == 0)
                {
                    // PyTorch centres an even window one channel earlier than ONNX's LRN does.
                    throw Unsupported(node, $"ONNX's LRN centres an even window (size={l.Size}) differently from PyTorch and Keras; use an odd size");
                }

                Emit("LRN", name, [inputs[0]], [name], [Int("size", l.Size), Float("alpha", l.Alpha), Float("beta", l.Beta), Float("bias", l.K)]);
                break;

            case Concatenate:
                Emit("Concat", name, inputs, [name], [Int("axis", 1)]);
                break;

            case Layers.Add:
                Emit("Sum", name, inputs, [name], []);
                break;

            case Layers.Multiply:
            {
                // A C-vector scales an image channel by channel: unsqueeze it to (N, C, 1, 1) first.
                var factors = inputs.Select((input, i) =>
                {
                    if (!node.Shape.IsImage || node.Inputs[i].Shape.IsImage)
                    {
                        return input;
                    }

                    string view = $"{name}/unsqueeze_{i}";
                    Emit("Unsqueeze", view, [input, Int64Constant($"{name}/spatial_axes", [2], [2, 3])], [view], []);
                    return view;
                }).ToArray();
                string product = factors[0];
                for (int i = 1; i < factors.Length; i++)
                {
                    string next = i == factors.Length - 1 ? name : $"{name}/product_{i}";
                    Emit("Mul", next, [product, factors[i]], [next], []);
                    product = next;
                }

                if (factors.Length == 1)
                {
                    Emit("Identity", name, factors, [name], []);
                }

                break;
            }

            default:
                throw Unsupported(node, "the ONNX exporter has no form for this layer type");
        }
    }

    private static ExportException Unsupported(Node node, string why) =>
        new($"{node.Name} ({node.Layer.KerasType}, input {string.Join(" + ", node.InputShapes)}): cannot export to ONNX: {why}.");

    private static Window2D Window(Node node) =>
        node.Window ?? throw Unsupported(node, "the layer has no resolved window");

    /// <summary>Emits the linear part into <c>name/linear</c> (or straight into <c>name</c> when there is no activation), then the activation node.</summary>
    private void Activated(string name, Activation activation, Action<string> linear)
    {
        if (activation.IsIdentity)
        {
            linear(name);
            return;
        }

        string pre = $"{name}/linear";
        linear(pre);
        OnnxActivations.Emit(this, activation, $"{name}/{activation.KerasName}", name, pre, name);
    }

    /// <summary>
    /// PyTorch's adaptive average pooling: an AveragePool when every bin has one size and stride (the output
    /// divides the input), otherwise the mean over each axis's bins as two MatMuls with averaging matrices,
    /// (N, C, H, W) x (W, O_w) then (O_h, H) x that, since every bin is a product of a row and a column range.
    /// </summary>
    private void AdaptiveAverage(string name, string input, Shape from, Size2 to)
    {
        if (from.Height % to.H == 0 && from.Width % to.W == 0)
        {
            int kh = from.Height / to.H, kw = from.Width / to.W;
            Emit("AveragePool", name, [input], [name],
                [Ints("kernel_shape", kh, kw), Ints("strides", kh, kw), Ints("pads", 0, 0, 0, 0)]);
            return;
        }

        string columns = Constant($"{name}/column_bins", [from.Width, to.W], AveragingMatrix(from.Width, to.W, transposed: true));
        string rows = Constant($"{name}/row_bins", [to.H, from.Height], AveragingMatrix(from.Height, to.H, transposed: false));
        string across = $"{name}/columns";
        Emit("MatMul", across, [input, columns], [across], []);
        Emit("MatMul", name, [rows, across], [name], []);
    }

    /// <summary>Row i holds 1/|bin i| over bin i's cells (O x N), or its transpose (N x O).</summary>
    private static float[] AveragingMatrix(int n, int output, bool transposed)
    {
        var values = new float[n * output];
        for (int i = 0; i < output; i++)
        {
            var (start, end) = ShapeRules.AdaptiveBin(i, n, output);
            for (int j = start; j < end; j++)
            {
                values[transposed ? j * output + i : i * n + j] = 1f / (end - start);
            }
        }

        return values;
    }

    private void Convolution(string name, string output, string input, Node node, int groups, string? bias)
    {
        string[] inputs = bias is null ? [input, Initializer($"{name}.weight")] : [input, Initializer($"{name}.weight"), Initializer(bias)];
        Emit("Conv", name, inputs, [output],
            WindowAttributes(Window(node), dilated: true).Append(Int("group", groups)));
    }

    private static IEnumerable<AttributeProto> WindowAttributes(Window2D window, bool dilated)
    {
        yield return Ints("kernel_shape", window.Kernel.H, window.Kernel.W);
        yield return Ints("strides", window.Stride.H, window.Stride.W);
        // ONNX orders pads as all the begins, then all the ends: (top, left, bottom, right).
        yield return Ints("pads", window.PadTop, window.PadLeft, window.PadBottom, window.PadRight);
        if (dilated)
        {
            yield return Ints("dilations", window.Dilation.H, window.Dilation.W);
        }
    }

    /// <summary>Adds a node.</summary>
    internal void Emit(string op, string nodeName, IEnumerable<string> inputs, IEnumerable<string> outputs, IEnumerable<AttributeProto> attributes)
    {
        var node = new NodeProto { OpType = op, Name = nodeName };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
    }

    /// <summary>Adds the weight named <paramref name="name"/> as an initializer of that name, in the shape <paramref name="view"/> when given (same values, same order).</summary>
    private string Initializer(string name, int[]? view = null)
    {
        var tensor = weights[name];
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange((view ?? [.. tensor.Shape]).Select(d => (long)d));
        proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(tensor.Data.AsSpan()));
        graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>A float32 scalar constant named <paramref name="name"/>, added once.</summary>
    internal string Scalar(string name, double value) =>
        graph.Initializer.Any(t => t.Name == name) ? name : Constant(name, [], [(float)value]);

    private string Constant(string name, int[] shape, float[] values)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(shape.Select(d => (long)d));
        proto.FloatData.AddRange(values);
        graph.Initializer.Add(proto);
        return name;
    }

    private string Int64Constant(string name, int[] shape, long[] values)
    {
        if (graph.Initializer.Any(t => t.Name == name))
        {
            return name;
        }

        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.AddRange(shape.Select(d => (long)d));
        proto.Int64Data.AddRange(values);
        graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>An integer attribute.</summary>
    internal static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float attribute.</summary>
    internal static AttributeProto Float(string name, double value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value };

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
