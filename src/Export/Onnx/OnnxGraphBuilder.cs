using System.Runtime.InteropServices;
using FluentNets.Backends;
using FluentNets.Graph;
using FluentNets.Layers;
using Google.Protobuf;
using Onnx;

namespace FluentNets.Export.Onnx;

/// <summary>
/// Appends the ONNX nodes of one layer after another to a graph, each written by its kind's class under
/// <c>Layers/</c>, and holds what those classes share: nodes, initializers, constants, attributes, a fused
/// activation, a convolution. Each layer's output tensor bears the layer's name; its main node bears it
/// too, and helper nodes and constants (a fused activation, a pad, the transpose before a flatten) are
/// named <c>layer/role</c>.
/// </summary>
internal sealed class OnnxGraphBuilder(GraphProto graph, IReadOnlyDictionary<string, HostTensor> weights)
{
    /// <summary>Appends <paramref name="node"/>'s ONNX nodes, written by its kind's <see cref="IOnnxLayer"/>.</summary>
    /// <exception cref="ExportException">The layer has no ONNX form.</exception>
    public void Add(Node node) => OnnxLayers.For(node).Emit(this, node);

    /// <summary>The exception for a layer ONNX has no form for, naming it, its kind and its input.</summary>
    internal static ExportException Unsupported(Node node, string why) =>
        new($"{node.Name} ({node.Layer.KerasType}, input {string.Join(" + ", node.InputShapes)}): cannot export to ONNX: {why}.");

    /// <summary>The node's resolved window.</summary>
    /// <exception cref="ExportException">It has none.</exception>
    internal static Window2D Window(Node node) =>
        node.Window ?? throw Unsupported(node, "the layer has no resolved window");

    /// <summary>Emits the linear part into <c>name/linear</c> (or straight into <c>name</c> when there is no activation), then the activation node.</summary>
    internal void Activated(string name, Activation activation, Action<string> linear)
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

    /// <summary>A <c>Conv</c> node named as the layer, over its window, writing <paramref name="output"/>.</summary>
    internal void Convolution(string name, string output, string input, Node node, int groups, string? bias)
    {
        string[] inputs = bias is null ? [input, Initializer($"{name}.weight")] : [input, Initializer($"{name}.weight"), Initializer(bias)];
        Emit("Conv", name, inputs, [output],
            WindowAttributes(Window(node), dilated: true).Append(Int("group", groups)));
    }

    /// <summary>A window's kernel, strides, pads and, for a convolution, dilations as ONNX attributes.</summary>
    internal static IEnumerable<AttributeProto> WindowAttributes(Window2D window, bool dilated)
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

    /// <summary>
    /// Adds the weight named <paramref name="name"/> as an initializer, in the shape <paramref name="view"/> when
    /// given (same values, same order), named <paramref name="tensor"/> or else as the weight; returns its name.
    /// </summary>
    internal string Initializer(string name, int[]? view = null, string? tensor = null)
    {
        var values = weights[name];
        var proto = new TensorProto { Name = tensor ?? name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange((view ?? [.. values.Shape]).Select(d => (long)d));
        proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.Data.AsSpan()));
        graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>A float32 scalar constant named <paramref name="name"/>, added once.</summary>
    internal string Scalar(string name, double value) =>
        graph.Initializer.Any(t => t.Name == name) ? name : Constant(name, [], [(float)value]);

    /// <summary>
    /// A float32 constant of one value per channel (or one for all) that broadcasts over the channel axis of
    /// an (N, C, H, W) image, shape (C, 1, 1), or an (N, C) vector, shape (C).
    /// </summary>
    internal string PerChannel(string name, IReadOnlyList<double> values, bool image) =>
        Constant(name, image ? [values.Count, 1, 1] : [values.Count], values.Select(v => (float)v).ToArray());

    /// <summary>A float32 constant.</summary>
    internal string Constant(string name, int[] shape, float[] values)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(shape.Select(d => (long)d));
        proto.FloatData.AddRange(values);
        graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>An int64 constant (shapes, axes, pads) named <paramref name="name"/>, added once.</summary>
    internal string Int64Constant(string name, int[] shape, long[] values)
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

    /// <summary>An int64 vector constant named <paramref name="name"/>, added once.</summary>
    internal string Int64s(string name, params long[] values) => Int64Constant(name, [values.Length], values);

    /// <summary>An integer attribute.</summary>
    internal static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float attribute.</summary>
    internal static AttributeProto Float(string name, double value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value };

    /// <summary>A string attribute.</summary>
    internal static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8(value) };

    /// <summary>An integer list attribute.</summary>
    internal static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
