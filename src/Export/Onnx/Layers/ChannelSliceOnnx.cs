using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Export.Onnx;

/// <summary>ChannelSlice: a <c>Slice</c> of the channel axis.</summary>
internal sealed class ChannelSliceOnnx : OnnxLayer<ChannelSlice>
{
    /// <inheritdoc />
    protected override void Emit(ChannelSlice spec, OnnxGraphBuilder builder, Node node)
    {
        string name = node.Name;
        builder.Emit("Slice", name,
            [Inputs(node)[0], builder.Int64s($"{name}/starts", spec.Start), builder.Int64s($"{name}/ends", spec.Start + spec.Count), builder.Int64s($"{name}/axes", 1)],
            [name], []);
    }
}
