using System.Text.Json;
using FluentNets.Backends;
using FluentNets.Graph;
using FluentNets.Weights;
using Google.Protobuf;
using Onnx;

namespace FluentNets.Export.Onnx;

/// <summary>
/// Writes a network and its weights as an ONNX model (opset <see cref="Opset"/>) that ONNX Runtime
/// and other ONNX tools run: the inference graph only (auxiliary heads dropped), NCHW tensors with a
/// symbolic batch dimension <c>N</c>, the input and output named as their layers, one ONNX node
/// named as each layer (fused activations, TF-style SAME pads and Keras's (H, W, C) flatten order
/// spelled out as nodes and explicit pads of their own), BatchNorm in its inference form, and the
/// class names and preprocessing in the model's metadata.
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX operator set written: 17, which ONNX Runtime 1.14 and later, and onnx 1.12's checker, accept.</summary>
    public const int Opset = 17;

    /// <summary>The IR version that goes with <see cref="Opset"/>.</summary>
    public const long IrVersion = 8;

    /// <summary>The metadata key holding the class names as a JSON array of strings.</summary>
    public const string ClassNamesKey = "class_names";

    /// <summary>The metadata key holding the preprocessing.</summary>
    public const string PreprocessingKey = "preprocessing";

    /// <summary>The name of the symbolic batch dimension.</summary>
    public const string BatchDimension = "N";

    /// <summary>Writes <paramref name="network"/> with <paramref name="weights"/> as a binary ONNX model to <paramref name="stream"/>.</summary>
    /// <param name="network">The network; its auxiliary heads are left out.</param>
    /// <param name="stream">Where the model's bytes go.</param>
    /// <param name="weights">Every parameter and buffer of the inference graph, by <see cref="ParameterLayout"/> name, in PyTorch's layouts.</param>
    /// <param name="metadata">Class names and preprocessing for the model's metadata.</param>
    /// <exception cref="ExportException">A layer has no ONNX form (the message names it), or a weight is missing or of another shape; nothing is written then.</exception>
    public static void ExportOnnx(this Network network, Stream stream, IReadOnlyDictionary<string, HostTensor> weights, NetworkMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        network.ToOnnx(weights, metadata).WriteTo(stream);
    }

    /// <summary>The ONNX model of <paramref name="network"/> with <paramref name="weights"/>, as Google.Protobuf messages.</summary>
    /// <param name="network">The network; its auxiliary heads are left out.</param>
    /// <param name="weights">Every parameter and buffer of the inference graph, by <see cref="ParameterLayout"/> name.</param>
    /// <param name="metadata">Class names and preprocessing for the model's metadata.</param>
    /// <exception cref="ExportException">A layer has no ONNX form, or a weight is missing or of another shape.</exception>
    public static ModelProto ToOnnx(this Network network, IReadOnlyDictionary<string, HostTensor> weights, NetworkMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(weights);
        metadata ??= NetworkMetadata.None;
        var nodes = network.InferenceNodes;
        ExportWeights.Validate(nodes, weights);
        if (metadata.ClassNames is { Count: > 0 } names && names.Count != network.Output.Shape.Elements)
        {
            throw new ExportException(
                $"metadata: expected {network.Output.Shape.Elements} class names for output '{network.Output.Name}' of shape {network.Output.Shape}, found {names.Count}.");
        }

        var graph = new GraphProto { Name = network.Name };
        var builder = new OnnxGraphBuilder(graph, weights);
        foreach (var node in nodes)
        {
            builder.Add(node);
        }

        graph.Input.Add(ValueInfo(network.Input.Name, network.Input.Shape));
        graph.Output.Add(ValueInfo(network.Output.Name, network.Output.Shape));

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "FluentNets",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString(3) ?? "",
            Domain = "fluentnets",
            ModelVersion = 1,
            DocString = $"{network.Name}: input '{network.Input.Name}' (N, C, H, W) float32, output '{network.Output.Name}'.",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "network", Value = network.Name });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "input_layout", Value = "NCHW" });
        model.MetadataProps.Add(new StringStringEntryProto { Key = ClassNamesKey, Value = JsonSerializer.Serialize(metadata.ClassNames ?? []) });
        model.MetadataProps.Add(new StringStringEntryProto { Key = PreprocessingKey, Value = metadata.Preprocess ?? "" });
        return model;
    }

    private static ValueInfoProto ValueInfo(string name, Shape shape)
    {
        var dims = new TensorShapeProto();
        dims.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        int[] perExample = shape.IsImage ? [shape.Channels, shape.Height, shape.Width] : [shape.Channels];
        foreach (int d in perExample)
        {
            dims.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = dims } },
        };
    }
}
